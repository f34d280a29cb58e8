/** Answers worth one more try, as the OpenTelemetry OTLP exporters treat them. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Network errors worth one more try: a pooled connection the server had closed meanwhile. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** The pause before the retry when the answer names none (the OTLP exporters' first back-off). */
export const DEFAULT_RETRY_DELAY_MS = 1000;

/** The longest `Retry-After` honoured; an endpoint asking for more gets no retry from this export. */
export const MAX_RETRY_DELAY_MS = 5000;

/** Whether an answer with this status is retried. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Whether a POST that failed with this error code is retried. */
export function isRetryableNetworkError(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/**
 * The pause before a retry: `Retry-After` (seconds, or an HTTP date) when the answer has one,
 * otherwise {@link DEFAULT_RETRY_DELAY_MS} with ±20 % jitter (so that the services do not all come
 * back at once). `undefined` when the endpoint asks for more than {@link MAX_RETRY_DELAY_MS}.
 */
export function retryDelayMs(retryAfter: string | undefined, now = Date.now()): number | undefined {
  const delay = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter.trim(), now);
  if (delay === undefined) return Math.round(DEFAULT_RETRY_DELAY_MS * (0.8 + Math.random() * 0.4));
  return delay <= MAX_RETRY_DELAY_MS ? delay : undefined;
}

function parseRetryAfter(value: string, now: number): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(at - now, 0);
}
