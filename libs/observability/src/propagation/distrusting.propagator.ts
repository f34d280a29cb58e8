import {
  createContextKey,
  isSpanContextValid,
  ROOT_CONTEXT,
  trace,
  type Context,
  type SpanContext,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Where a distrusted caller's span context waits for the span that links to it. */
const DISTRUSTED_PARENT = createContextKey('cruddur.distrusted-parent');

/** The caller's span context that {@link DistrustingPropagator} kept out of the parent role, if any. */
export function distrustedParentOf(context: Context): SpanContext | undefined {
  return context.getValue(DISTRUSTED_PARENT) as SpanContext | undefined;
}

/**
 * A trust boundary at a public edge: incoming trace context (`traceparent`, `tracestate`,
 * `X-Amzn-Trace-Id`, `baggage`) never becomes a parent, a sampling decision or baggage here, so
 * an outside caller can neither join our traces nor force or suppress their recording. The
 * caller's span context, when valid, is kept aside in the context for the new root span to link
 * to ({@link DistrustedParentLinker}). Injection is the inner propagator's: what this service
 * sends to its own dependencies is its own context, which they trust.
 */
export class DistrustingPropagator implements TextMapPropagator<unknown> {
  constructor(private readonly inner: TextMapPropagator<unknown>) {}

  inject(context: Context, carrier: unknown, setter: TextMapSetter<unknown>): void {
    this.inner.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter<unknown>): Context {
    const caller = trace.getSpanContext(this.inner.extract(ROOT_CONTEXT, carrier, getter));
    if (!caller || !isSpanContextValid(caller)) return context;
    // Only the ids: the caller's flags and tracestate (our own markers included) decide nothing.
    const link: SpanContext = {
      traceId: caller.traceId,
      spanId: caller.spanId,
      traceFlags: caller.traceFlags,
      isRemote: true,
    };
    return context.setValue(DISTRUSTED_PARENT, link);
  }

  fields(): string[] {
    return this.inner.fields();
  }
}
