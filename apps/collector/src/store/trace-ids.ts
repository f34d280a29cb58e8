const OTEL_TRACE_ID = /^[0-9a-f]{32}$/;
const XRAY_TRACE_ID = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;

/**
 * The canonical form of a trace id in the collector: the OpenTelemetry form,
 * 32 lowercase hex digits. Accepts that form or X-Ray's `1-xxxxxxxx-yyy…`
 * (any case); anything else (including the all-zero id) gives undefined.
 */
export function canonicalTraceId(id: string): string | undefined {
  const lower = id.trim().toLowerCase();
  const xray = XRAY_TRACE_ID.exec(lower);
  const otel = xray ? xray[1] + xray[2] : lower;
  return OTEL_TRACE_ID.test(otel) && !/^0+$/.test(otel) ? otel : undefined;
}

/** X-Ray's form of a canonical trace id: `1-` + 8 hex digits (epoch seconds) + `-` + 24. */
export function toXrayTraceId(canonical: string): string {
  return `1-${canonical.slice(0, 8)}-${canonical.slice(8)}`;
}
