import { type Attributes, type Span, type SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { recordSpanError } from '../spans/span-error';
import { tracer } from '../tracer';

/**
 * Runs `call` in a new span made current (so whatever it sends carries this
 * span as the parent), records its outcome, and ends it. The error is
 * rethrown unchanged: telemetry never changes a call's result.
 */
export async function traceOutgoing<T>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  call: (span: Span) => Promise<T>,
  onError?: (span: Span, error: unknown) => void,
): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), () => call(span));
  } catch (error) {
    recordSpanError(span, error);
    onError?.(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** The active context's trace headers (traceparent, tracestate, baggage, X-Amzn-Trace-Id), as the registered propagator writes them. */
export function activeTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}
