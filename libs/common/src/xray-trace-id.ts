const XRAY_TRACE_ID = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/i;

/**
 * The X-Ray form of a trace id of 32 hex digits (OpenTelemetry's form): `1-<8 hex>-<24 hex>`.
 * The suite's ids are generated X-Ray compatible (the first 8 digits are epoch seconds), so this
 * is the same trace in both systems, not a mapping.
 */
export function toXrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/**
 * The 32-hex-digit form (lower case) of an X-Ray trace id `1-<8 hex>-<24 hex>` (any case);
 * undefined for anything else. Whether the id is usable (not all zeros) is the caller's to check.
 */
export function fromXrayTraceId(xrayTraceId: string): string | undefined {
  const parts = XRAY_TRACE_ID.exec(xrayTraceId);
  return parts ? (parts[1] + parts[2]).toLowerCase() : undefined;
}
