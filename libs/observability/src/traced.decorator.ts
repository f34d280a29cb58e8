import { withSpan } from './traced-span';

/**
 * Method decorator: the method runs in a span (an X-Ray subsegment) named
 * `name`, or `Class.method`. For annotations, use withSpan inside the method.
 */
export function Traced(name?: string): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const original = descriptor.value as unknown;
    if (typeof original !== 'function') return descriptor;
    const spanName = name ?? `${(target as { constructor: { name: string } }).constructor.name}.${String(propertyKey)}`;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      return withSpan(spanName, () => (original as (...a: unknown[]) => unknown).apply(this, args));
    };
    Object.defineProperty(wrapped, 'name', { value: (original as { name: string }).name });
    return { ...descriptor, value: wrapped as typeof descriptor.value };
  };
}
