import { fromXrayTraceId, toXrayTraceId } from '@app/common';
import { TraceFlags, type SpanContext } from '@opentelemetry/api';
import { isUndecided } from './undecided.marker';

/** Name of X-Ray's trace header (lower case: header names are case-insensitive, HTTP/2 wants lower). */
export const XRAY_TRACE_HEADER = 'x-amzn-trace-id';

/**
 * Longest header value accepted. A real one is ~80 characters, ~150 with
 * `Self` and `Lineage`; anything much longer is not worth parsing.
 */
const MAX_HEADER_LENGTH = 512;
/** Most `;`-separated fields looked at: Root, Parent, Sampled, Self, Lineage and a few more. */
const MAX_FIELDS = 16;
const SPAN_ID = /^[0-9a-f]{16}$/i;
const FIELD_KEY = /^[A-Za-z0-9_-]+$/;
const ALL_ZERO = /^0+$/;

/** What an X-Amzn-Trace-Id says about the caller. */
export interface XrayTraceHeader {
  /** The trace id in OpenTelemetry's form (32 lower-case hex digits). */
  traceId: string;
  /** The caller's segment id; absent when only `Root` was given (a load balancer's header). */
  parentId?: string;
  /** The caller's decision; undefined when `Sampled` is absent or `?` (the receiver decides). */
  sampled?: boolean;
}

/**
 * Parses an X-Amzn-Trace-Id value: `;`-separated `key=value` fields in any
 * order, spaces around them ignored, unknown fields (`Self`, `Lineage`)
 * skipped. Longer than 512 characters or more than 16 fields is malformed.
 * Returns undefined for anything malformed, so the caller treats
 * the request as having no parent.
 */
export function parseXrayHeader(value: string): XrayTraceHeader | undefined {
  if (value.length > MAX_HEADER_LENGTH) return undefined;
  const fields = new Map<string, string>();
  const parts = value.split(';');
  if (parts.filter((part) => part.trim() !== '').length > MAX_FIELDS) return undefined;
  for (const part of parts) {
    const field = part.trim();
    if (field === '') continue; // tolerate `;;` and a trailing `;`
    const equals = field.indexOf('=');
    if (equals <= 0) return undefined;
    const key = field.slice(0, equals).trim().toLowerCase();
    if (!FIELD_KEY.test(key)) return undefined;
    const isKnown = key === 'root' || key === 'parent' || key === 'sampled';
    if (isKnown && fields.has(key)) return undefined; // two answers to one question: trust neither
    if (isKnown) fields.set(key, field.slice(equals + 1).trim());
  }
  const traceId = fromXrayTraceId(fields.get('root') ?? '');
  if (traceId === undefined || ALL_ZERO.test(traceId)) return undefined;

  const parent = fields.get('parent');
  if (parent !== undefined && (!SPAN_ID.test(parent) || ALL_ZERO.test(parent))) return undefined;

  const sampledField = fields.get('sampled');
  if (sampledField !== undefined && !['0', '1', '?'].includes(sampledField)) return undefined;
  const sampled = sampledField === '1' ? true : sampledField === '0' ? false : undefined;

  return {
    traceId,
    ...(parent !== undefined ? { parentId: parent.toLowerCase() } : {}),
    ...(sampled !== undefined ? { sampled } : {}),
  };
}

/**
 * The X-Amzn-Trace-Id value of a span context:
 * `Root=1-<8 hex>-<24 hex>;Parent=<span id>;Sampled=1|0` (`Sampled=?` for a
 * context still marked undecided, which only happens when no span was started).
 */
export function formatXrayHeader(spanContext: SpanContext): string {
  const { traceId, spanId } = spanContext;
  const sampled = isUndecided(spanContext) ? '?' : spanContext.traceFlags & TraceFlags.SAMPLED ? '1' : '0';
  return `Root=${toXrayTraceId(traceId)};Parent=${spanId};Sampled=${sampled}`;
}
