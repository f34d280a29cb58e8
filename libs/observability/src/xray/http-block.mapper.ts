import type { Attributes } from '@opentelemetry/api';
import { firstNumber, firstString, truncate } from './span-attributes.reader';
import type { XrayHttp } from './xray-document.types';
import { Semconv } from './xray-semconv';

const MAX_HTTP_FIELD_LENGTH = 250;

/** Whether the span is a Nest TCP (or other RPC / messaging) call: those get rpc metadata, no http block. */
export function isRpcSpan(attributes: Attributes): boolean {
  return firstString(attributes, [...Semconv.rpcSystem, ...Semconv.messagingSystem]) !== undefined;
}

/**
 * The `http` block from the span's HTTP attributes (stable and pre-1.20
 * names), or undefined when the span has none. Fields are cut to the 250
 * characters the schema allows.
 */
export function httpBlockOf(attributes: Attributes): XrayHttp | undefined {
  if (isRpcSpan(attributes)) return undefined;
  const request = compact({
    method: firstString(attributes, Semconv.httpMethod),
    url: urlOf(attributes),
    client_ip: firstString(attributes, Semconv.clientIp),
    user_agent: firstString(attributes, Semconv.userAgent),
  });
  const response = compact({
    status: firstNumber(attributes, Semconv.httpStatus),
    content_length: firstNumber(attributes, Semconv.responseLength),
  });
  if (!request && !response) return undefined;
  return { ...(request && { request }), ...(response && { response }) };
}

/** `url.full`, or the URL rebuilt from scheme, host, port, path and query as a server span records them. */
function urlOf(attributes: Attributes): string | undefined {
  const full = firstString(attributes, Semconv.urlFull);
  if (full) return full;
  const target = firstString(attributes, Semconv.httpTarget);
  const path = firstString(attributes, Semconv.urlPath);
  if (!target && !path) return undefined;
  const query = firstString(attributes, Semconv.urlQuery);
  const pathAndQuery = target ?? `${path}${query ? `?${query}` : ''}`;
  const host = firstString(attributes, Semconv.host);
  if (!host) return pathAndQuery;
  const scheme = firstString(attributes, Semconv.urlScheme) ?? 'http';
  const port = firstNumber(attributes, Semconv.serverPort);
  // http.host and the Host header already carry the port; server.address does not.
  const withPort = port !== undefined && !host.includes(':') && !isDefaultPort(scheme, port) ? `${host}:${port}` : host;
  return `${scheme}://${withPort}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`;
}

function isDefaultPort(scheme: string, port: number): boolean {
  return (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
}

/** The object without its undefined fields, strings cut to the schema's length; undefined when nothing is left. */
function compact<T extends Record<string, string | number | undefined>>(fields: T): Partial<T> | undefined {
  const entries = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, typeof value === 'string' ? truncate(value, MAX_HTTP_FIELD_LENGTH) : value]);
  return entries.length > 0 ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}
