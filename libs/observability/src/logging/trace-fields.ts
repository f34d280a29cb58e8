import { toXrayTraceId } from '@app/common';
import { type SpanContext, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The trace fields of a log line or a Rollbar item that belongs to a trace: the collector joins
 * both to their trace by them, in either form.
 */
export interface TraceFields {
  trace_id: string;
  span_id: string;
  /** The same trace id in X-Ray's form, `1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy`. */
  xray_trace_id: string;
}

/**
 * Trace fields of a span context; none for an invalid (no-op) one, rather than an all-zero id
 * that would join unrelated lines or items.
 */
export function traceFieldsOf(spanContext: SpanContext | undefined): TraceFields | undefined {
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    xray_trace_id: toXrayTraceId(spanContext.traceId),
  };
}

/** Trace fields of the span current in this async context, if any. */
export function activeTraceFields(): TraceFields | undefined {
  return traceFieldsOf(trace.getActiveSpan()?.spanContext());
}
