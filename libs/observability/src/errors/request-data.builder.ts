import { redactUrl } from '../redaction/url.redactor';
import type { HttpRequestInfo, RpcRequestInfo } from './error-reporter';
import { redactSensitive, redactSensitiveText } from './sensitive-data.redactor';

/** Rollbar's `data.request` block (https://docs.rollbar.com/reference/create-item). */
export interface RollbarRequestData {
  url: string;
  method: string;
  headers: Record<string, unknown>;
  GET?: Record<string, unknown>;
  /** The body as JSON text (an object body) or as received (a string). */
  body?: string;
  user_ip?: string;
}

/**
 * What the reporter hands Rollbar as the "request" argument. Rollbar recognises a request
 * argument by a `route` (or `url`, `headers`...) key and gives it to `addRequestData`, which is
 * `applyRequestEnvelope` here: the block is built by us, already redacted, not by Rollbar's
 * Express-oriented reader.
 */
export interface RequestEnvelope {
  /** Rollbar's `context`: method and path for HTTP, the pattern for TCP; null when unknown. */
  route: string | null;
  request?: RollbarRequestData;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The redacted request block of an HTTP request. */
export function requestDataOf(http: HttpRequestInfo): RollbarRequestData {
  const protocol = first(http.headers['x-forwarded-proto'])?.split(',')[0].trim() || 'http';
  const host = first(http.headers.host) || 'localhost';
  let url: URL | undefined;
  try {
    url = new URL(http.url, `${protocol}://${host}`);
  } catch {
    url = undefined; // a malformed target is still worth reporting, as text
  }
  // The same URL redaction as spans, segments and the access log; then the free-text pass.
  const redactedUrl = redactUrl(url ? url.href : http.url);
  const data: RollbarRequestData = {
    url: redactSensitiveText(redactedUrl),
    method: http.method,
    headers: redactSensitive(http.headers) as Record<string, unknown>,
  };
  if (url && url.search) {
    const query = new URL(redactedUrl).searchParams;
    data.GET = redactSensitive(Object.fromEntries(query)) as Record<string, unknown>;
  }
  if (http.body !== undefined && http.body !== null && http.body !== '') {
    const body = redactSensitive(http.body);
    data.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (http.remoteAddress) data.user_ip = http.remoteAddress;
  return data;
}

/** The envelope for one handler error. */
export function requestEnvelopeOf(http: HttpRequestInfo | undefined, rpc: RpcRequestInfo | undefined): RequestEnvelope {
  if (http) {
    const path = redactSensitiveText(http.url.split('?')[0]);
    return { route: `${http.method} ${path}`, request: requestDataOf(http) };
  }
  return { route: rpc ? rpc.pattern : null };
}

/** Rollbar's `addRequestData` hook: copies the envelope into the item. */
export function applyRequestEnvelope(data: Record<string, unknown>, envelope: Record<string, unknown>): void {
  const { route, request } = envelope as Partial<RequestEnvelope>;
  if (typeof route === 'string') data.context = route;
  if (request) data.request = request;
}
