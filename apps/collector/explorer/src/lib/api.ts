import type { Disagreement, TraceDetailResponse } from '../../../src/api/explorer.contract';
import type { OtelSpan } from '../../../src/store/otel-span';
import type { XraySegmentDocument } from '../../../src/store/xray-segment';

export type * from '../../../src/api/explorer.contract';
export { MAP_WINDOWS } from '../../../src/api/explorer.contract';
export type { OtelSpan, XraySegmentDocument };

/** `GET /api/traces/:id`, as the contract says. */
export type TraceDetail = TraceDetailResponse;

/** `GET /api/logs?trace_id=`. */
export interface TraceLogs {
  traceId: string;
  xrayTraceId: string;
  cloudwatch: Array<{ logGroupName: string; logStreamName: string; timestamp: number; message: string }>;
  otlp: Array<Record<string, unknown>>;
}

/** One item of `GET /api/errors?trace_id=`. */
export interface RollbarItem {
  uuid: string;
  receivedAt: number;
  level: string;
  title: string;
  traceId?: string;
  item: Record<string, unknown>;
}

export type { Disagreement };

/** An answer other than 2xx, with the server's message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GETs a JSON document of the collector's read API (same origin: the CSP allows nothing else). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  const text = await response.text();
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = JSON.parse(text) as { message?: unknown };
      if (body.message) message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
    } catch (_error) {
      // not JSON: the status line says enough
    }
    throw new ApiError(response.status, message);
  }
  return JSON.parse(text) as T;
}

/** A query string from the non-empty entries. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
