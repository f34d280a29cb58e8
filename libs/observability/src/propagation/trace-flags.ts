/**
 * W3C Trace Context Level 2 `random-trace-id` flag (the second bit of
 * trace-flags): at least the rightmost 7 bytes of the trace id are random.
 * OpenTelemetry's `TraceFlags` enum names only `SAMPLED`; the flags are a plain number.
 */
export const RANDOM_TRACE_ID_FLAG = 0x02;

/**
 * The flags Level 2 defines (sampled, random-trace-id). The others are
 * reserved: ignored on the way in, always zero on the way out.
 */
export const KNOWN_TRACE_FLAGS = 0x03;

/** Whether trace flags carry the random-trace-id flag. */
export function hasRandomTraceId(traceFlags: number): boolean {
  return (traceFlags & RANDOM_TRACE_ID_FLAG) !== 0;
}
