import type { SpanContext } from '@opentelemetry/api';
import { trimOptionalWhitespace } from './optional-whitespace';
import { KNOWN_TRACE_FLAGS } from './trace-flags';

/** What a valid `traceparent` says: the caller's trace, its span, and its flags. */
export interface TraceParent {
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** The caller's span id: 16 lower-case hex digits, not all zero. */
  spanId: string;
  /** Sampled (0x01) and random-trace-id (0x02); reserved bits are dropped. */
  traceFlags: number;
}

/** `00-` + 32 + `-` + 16 + `-` + 2: a version 00 header is exactly this long, later versions at least. */
const VERSION_00_LENGTH = 55;
const LOWER_HEX = /^[0-9a-f]+$/;
const ALL_ZERO = /^0+$/;

/**
 * Parses a `traceparent` value as W3C Trace Context Level 2 states it.
 * Returns undefined for anything invalid, which means "no parent":
 * - the version is 2 lower-case hex digits followed by `-`; `ff` is invalid;
 * - version `00` is exactly `00-<32 hex>-<16 hex>-<2 hex>` (55 characters),
 *   nothing after the flags;
 * - a higher version is read by the version 00 rules when it is at least 55
 *   characters long and the flags are either the end or followed by `-`;
 *   what follows is not looked at;
 * - hex digits are lower case only; an all-zero trace id or parent id is invalid;
 * - spaces and tabs around the value (optional whitespace) are ignored.
 *
 * The random-trace-id flag is kept for every version: Level 2 requires it to
 * travel unchanged with the trace id it describes.
 */
export function parseTraceParent(header: string): TraceParent | undefined {
  const value = trimOptionalWhitespace(header);
  if (value.length < VERSION_00_LENGTH) return undefined;
  const version = value.slice(0, 2);
  if (!LOWER_HEX.test(version) || version === 'ff') return undefined;
  if (value[2] !== '-' || value[35] !== '-' || value[52] !== '-') return undefined;
  const extended = value.length > VERSION_00_LENGTH;
  if (extended && (version === '00' || value[VERSION_00_LENGTH] !== '-')) return undefined;

  const traceId = value.slice(3, 35);
  const spanId = value.slice(36, 52);
  const flags = value.slice(53, 55);
  if (!LOWER_HEX.test(traceId) || !LOWER_HEX.test(spanId) || !LOWER_HEX.test(flags)) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) & KNOWN_TRACE_FLAGS };
}

/**
 * The version 00 `traceparent` of a span context: `00-<trace id>-<span id>-<flags>`,
 * with the sampled and random-trace-id flags and every reserved bit zero.
 */
export function formatTraceParent(spanContext: Pick<SpanContext, 'traceId' | 'spanId' | 'traceFlags'>): string {
  const flags = (spanContext.traceFlags & KNOWN_TRACE_FLAGS).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

/**
 * The Level 2 `traceresponse` value of a server span, telling a client which
 * trace its request joined: the same format as `traceparent`, the span id in
 * the child-id place, the same two flags.
 */
export function formatTraceResponse(spanContext: Pick<SpanContext, 'traceId' | 'spanId' | 'traceFlags'>): string {
  return formatTraceParent(spanContext);
}
