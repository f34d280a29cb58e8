// One line for a failed API call, in place of the SDK's stack trace.

// Errors of the socket rather than of the service: the endpoint is not there.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);

/** Why `step` failed, as one line: unreachable endpoint, or the service's error name and message. */
export function failureLine(step, error, endpoint) {
  const where = endpoint ?? 'AWS';
  const code = error?.code ?? error?.cause?.code;
  if (NETWORK_CODES.has(code) || error?.name === 'TimeoutError') {
    return `${step} failed: ${where} is unreachable (${error.message || code})`;
  }
  const status = error?.$metadata?.httpStatusCode;
  const message = String(error?.message ?? error).split('\n')[0];
  return `${step} failed: ${error?.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${message}`;
}
