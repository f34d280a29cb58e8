import { fromXrayTraceId } from '@app/common';

const OTEL_TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * The canonical form of a trace id in the collector: the OpenTelemetry form,
 * 32 lowercase hex digits. Accepts that form or X-Ray's `1-xxxxxxxx-yyy…`
 * (any case); anything else (including the all-zero id) gives undefined.
 */
export function canonicalTraceId(id: string): string | undefined {
  const lower = id.trim().toLowerCase();
  const otel = fromXrayTraceId(lower) ?? lower;
  return OTEL_TRACE_ID.test(otel) && !/^0+$/.test(otel) ? otel : undefined;
}
