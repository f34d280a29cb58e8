/** The flush's share of a shutdown when the timeout allows it (ObservabilityModule's flushTimeoutMs). */
export const MAX_FLUSH_SHARE_MS = 3000;

/** How a shutdown's time is split: the servers' drain first, then the telemetry flush, then a margin. */
export interface ShutdownBudget {
  /** Draining the servers (in-flight work answered, connections closed). */
  drainMs: number;
  /** Flushing spans, segments, error reports and log events (ObservabilityModule's flushTimeoutMs). */
  flushMs: number;
}

/**
 * Splits SHUTDOWN_TIMEOUT_MS so that a drain that runs out of time cannot eat the flush's share:
 * the flush gets up to MAX_FLUSH_SHARE_MS (at most 40 % of the whole), a margin of a tenth (at
 * most 500 ms) is kept for the process's exit, the drain gets the rest. With the default 8000 ms:
 * 4500 ms of drain, 3000 ms of flush.
 */
export function shutdownBudget(timeoutMs: number): ShutdownBudget {
  const flushMs = Math.min(MAX_FLUSH_SHARE_MS, Math.floor(timeoutMs * 0.4));
  const marginMs = Math.min(500, Math.floor(timeoutMs * 0.1));
  return { drainMs: Math.max(0, timeoutMs - flushMs - marginMs), flushMs };
}
