import { toXrayTraceId } from '@app/common';
import { isSpanContextValid, trace, type SpanContext } from '@opentelemetry/api';

/** The trace an item belongs to, in Rollbar's `custom` block (the collector joins items to traces by it). */
export interface TraceFields {
  trace_id: string;
  span_id: string;
  /** The same trace id in X-Ray's form, so an item is found from either console. */
  xray_trace_id: string;
  trace_url?: string;
}

/**
 * The trace fields of `spanContext`, or of the active span when none is given; undefined outside
 * any trace (start-up, a timer) or for an invalid context, rather than an all-zero id that would
 * join unrelated items.
 */
export function traceFieldsOf(spanContext: SpanContext | undefined, traceLinkBase: string | undefined): TraceFields | undefined {
  const context = spanContext ?? trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return undefined;
  const fields: TraceFields = { trace_id: context.traceId, span_id: context.spanId, xray_trace_id: toXrayTraceId(context.traceId) };
  if (traceLinkBase) fields.trace_url = `${traceLinkBase}${context.traceId}`;
  return fields;
}
