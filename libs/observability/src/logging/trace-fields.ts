import { toXrayTraceId } from '@app/common';
import { type SpanContext, isSpanContextValid, trace } from '@opentelemetry/api';

/** The trace fields every log line carries when it belongs to a trace. */
export interface TraceFields {
  trace_id: string;
  span_id: string;
  /** The same trace id in X-Ray's form, `1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy`. */
  xray_trace_id: string;
}

/** Trace fields of a span context; none for an invalid (no-op) one. */
export function traceFieldsOf(spanContext: SpanContext | undefined): TraceFields | undefined {
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, xray_trace_id: toXrayTraceId(spanContext.traceId) };
}

/** Trace fields of the span current in this async context, if any. */
export function activeTraceFields(): TraceFields | undefined {
  return traceFieldsOf(trace.getActiveSpan()?.spanContext());
}
