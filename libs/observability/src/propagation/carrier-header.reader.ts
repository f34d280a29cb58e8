import type { TextMapGetter } from '@opentelemetry/api';

/**
 * Every value of a header in a carrier, whatever the case of its name (the
 * specifications say names are case-insensitive): Node lower-cases incoming
 * HTTP headers, but TCP metadata and hand-built carriers keep what the sender
 * wrote. A repeated header is an array of values. Undefined when the header is
 * absent, or when the carrier or value is odd: never an error in the request.
 *
 * @param name the header's name in lower case
 */
export function readHeaderValues(carrier: unknown, getter: TextMapGetter<unknown>, name: string): string[] | undefined {
  try {
    let value = getter.get(carrier, name);
    if (value === undefined) {
      const key = getter.keys(carrier).find((candidate) => candidate.toLowerCase() === name);
      value = key === undefined ? undefined : getter.get(carrier, key);
    }
    if (typeof value === 'string') return [value];
    const strings = Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');
    return strings ? value : undefined;
  } catch {
    return undefined;
  }
}
