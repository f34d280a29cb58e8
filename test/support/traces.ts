import { eventually, request } from './http';

export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  serviceName: string;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  status: { code: string; message?: string };
}

export interface SegmentDocument {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  namespace?: string;
  start_time: number;
  end_time?: number;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: { exceptions?: Array<{ message?: string; type?: string }> };
  http?: { request?: { method?: string; url?: string; client_ip?: string }; response?: { status?: number } };
  annotations?: Record<string, unknown>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: SegmentDocument[];
}

export interface CollectedTrace {
  traceId: string;
  xrayTraceId: string;
  spans: CollectedSpan[];
  segments: SegmentDocument[];
}

/** Every X-Ray document of a trace, nested subsegments included, each with the id of the document it sits in (or its parent_id). */
export function flattenSegments(segments: SegmentDocument[]): Array<{ doc: SegmentDocument; parentId?: string }> {
  const out: Array<{ doc: SegmentDocument; parentId?: string }> = [];
  const walk = (doc: SegmentDocument, enclosing?: string) => {
    out.push({ doc, parentId: enclosing ?? doc.parent_id });
    for (const child of doc.subsegments ?? []) walk(child, doc.id);
  };
  for (const segment of segments) walk(segment);
  return out;
}

/**
 * A trace as the collector holds it, once it has stopped growing and both
 * views hold the same number of items (each sampled span is mirrored by one
 * X-Ray document).
 */
export async function settledTrace(
  collectorUrl: string,
  traceId: string,
  minSpans = 1,
  timeoutMs = 10_000,
): Promise<CollectedTrace> {
  let last = '';
  return eventually(async () => {
    const { status, body } = await request<CollectedTrace>(`${collectorUrl}/api/traces/${traceId}`);
    if (status !== 200) return undefined;
    const documents = flattenSegments(body.segments).length;
    const shape = `${body.spans.length}/${documents}`;
    const settled = shape === last && body.spans.length >= minSpans && documents === body.spans.length;
    last = shape;
    if (!settled) await new Promise((resolve) => setTimeout(resolve, 250));
    return settled ? body : undefined;
  }, timeoutMs);
}

/** The trace id a gateway response names in its `traceresponse` header. */
export function traceIdOf(headers: Headers): { traceId: string; spanId: string; sampled: boolean } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(headers.get('traceresponse') ?? '');
  if (!match) throw new Error(`no valid traceresponse header: ${headers.get('traceresponse')}`);
  return { traceId: match[1], spanId: match[2], sampled: (parseInt(match[3], 16) & 1) === 1 };
}
