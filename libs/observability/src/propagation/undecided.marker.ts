import type { SpanContext } from '@opentelemetry/api';
import { W3cTraceState } from './w3c-trace-state';

/**
 * Trace-state key marking a remote span context whose sampling decision is
 * still open: an X-Amzn-Trace-Id without `Sampled`, or with `Sampled=?`.
 * OpenTelemetry's flags have no "undecided" value, so the propagator records
 * it here and the sampler reads it to apply the root sampler instead of
 * following the parent; the sampler then removes it, so it never leaves the
 * service on a decided span. The W3C propagator never writes it, and removes
 * it from an incoming `tracestate`: a marker from outside is never trusted.
 */
export const UNDECIDED_TRACE_STATE_KEY = 'cruddur_xray';

/** The value of {@link UNDECIDED_TRACE_STATE_KEY} meaning "no decision yet". */
export const UNDECIDED_TRACE_STATE_VALUE = 'undecided';

/** Whether the span context carries the "undecided" marker. */
export function isUndecided(spanContext: SpanContext): boolean {
  return spanContext.traceState?.get(UNDECIDED_TRACE_STATE_KEY) === UNDECIDED_TRACE_STATE_VALUE;
}

/** A trace state holding only the "undecided" marker. */
export function undecidedTraceState(): W3cTraceState {
  return W3cTraceState.empty().set(UNDECIDED_TRACE_STATE_KEY, UNDECIDED_TRACE_STATE_VALUE);
}
