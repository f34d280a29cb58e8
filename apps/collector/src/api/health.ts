import type { OtelSpan } from '../store/otel-span';
import type { XraySegmentDocument } from '../store/xray-segment';
import type { Health } from './explorer.contract';

/** Worst first: fault outranks throttle, which outranks error. */
const RANK: Record<Health, number> = { ok: 0, error: 1, throttle: 2, fault: 3 };

/** The worse of two healths. */
export function worse(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The status code a span answered or received: HTTP's, else the one the suite's TCP handlers record. */
export function statusCodeOfSpan(span: OtelSpan): number | undefined {
  for (const key of ['http.response.status_code', 'http.status_code', 'cruddur.rpc.status_code']) {
    const value = span.attributes[key];
    const code = typeof value === 'string' ? Number(value) : value;
    if (typeof code === 'number' && Number.isInteger(code)) return code;
  }
  return undefined;
}

/** Health from a status code: 5xx fault, 429 throttle, other 4xx error. */
export function healthOfCode(code: number): Health {
  if (code >= 500) return 'fault';
  if (code === 429) return 'throttle';
  if (code >= 400) return 'error';
  return 'ok';
}

/**
 * A span's health as the X-Ray mirror flags it: from its status code when it
 * has one, else a span in ERROR is a fault (a dropped connection, a thrown handler).
 */
export function healthOfSpan(span: OtelSpan): Health {
  const code = statusCodeOfSpan(span);
  if (code !== undefined) return healthOfCode(code);
  return span.status.code === 'ERROR' ? 'fault' : 'ok';
}

/** A (sub)segment's health, from its flags. */
export function healthOfSegment(document: XraySegmentDocument): Health {
  if (document.fault === true) return 'fault';
  if (document.throttle === true) return 'throttle';
  if (document.error === true) return 'error';
  return 'ok';
}
