// Which trace a gateway response belongs to. Every gateway response names it in
// `traceresponse` (W3C Trace Context Level 2: 00-<trace id>-<span id>-<flags>); X-Ray's
// X-Amzn-Trace-Id carries the same id as `Root=1-<8 hex>-<24 hex>`, for a gateway that
// answers only that one.

const TRACERESPONSE = /^00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/;
const XRAY_ROOT = /(?:^|;)\s*Root=1-([0-9a-f]{8})-([0-9a-f]{24})\s*(?:;|$)/;
const XRAY_SAMPLED = /(?:^|;)\s*Sampled=([01])\s*(?:;|$)/;

/** A header's value from autocannon's `{ name: value }` object, whose names keep the server's case. */
function header(headers, name) {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** `{ traceId, sampled }` of a response (sampled: whether the collector will have it), or undefined. */
export function traceOf(headers) {
  const w3c = TRACERESPONSE.exec(header(headers, 'traceresponse')?.trim() ?? '');
  if (w3c) return { traceId: w3c[1], sampled: (parseInt(w3c[2], 16) & 1) === 1 };
  const xray = header(headers, 'x-amzn-trace-id') ?? '';
  const root = XRAY_ROOT.exec(xray);
  if (root) return { traceId: root[1] + root[2], sampled: XRAY_SAMPLED.exec(xray)?.[1] !== '0' };
  return undefined;
}
