import type { Attributes } from '@opentelemetry/api';

/** What X-Ray's rules match a request on; a field left out matches any pattern. */
export interface SamplingRequest {
  serviceName: string;
  host?: string;
  httpMethod?: string;
  urlPath?: string;
}

function text(attributes: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The request as the HTTP server instrumentation describes it at span start,
 * under the current semantic conventions or the older ones (`http.target`
 * carries the query string, which X-Ray's URLPath does not match on).
 */
export function samplingRequestOf(attributes: Attributes, serviceName: string): SamplingRequest {
  const target = text(attributes, 'http.target');
  const urlPath = text(attributes, 'url.path') ?? target?.split('?', 1)[0];
  const host = text(attributes, 'server.address', 'http.host');
  const httpMethod = text(attributes, 'http.request.method', 'http.method');
  return {
    serviceName,
    ...(host !== undefined ? { host } : {}),
    ...(httpMethod !== undefined ? { httpMethod } : {}),
    ...(urlPath ? { urlPath } : {}),
  };
}
