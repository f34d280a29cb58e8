// Before any load: does the target answer the gateway's health check? A wrong port or a suite
// that is not up yet would otherwise show as a run of connection errors and an empty summary.

const TIMEOUT_MS = 3000;

/** Why `target` is not a gateway one can load, in a few words; undefined when it answers. */
export async function unreachableReason(target) {
  try {
    const response = await fetch(`${target}/api/health-check`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok ? undefined : `GET /api/health-check answered ${response.status}`;
  } catch (error) {
    if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
    // fetch's own error is "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause.
    return error.cause?.code ?? error.cause?.message ?? error.message;
  }
}
