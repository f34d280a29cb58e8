import type { OtelSpan, XraySegmentDocument } from './api';
import { nanosToMs } from './format';

/** One row of a waterfall, from a span or from a (sub)segment. */
export interface Row {
  id: string;
  parentId?: string;
  depth: number;
  name: string;
  service: string;
  startMs: number;
  endMs: number;
  /** HTTP or TCP, when the row is a call or a request over one. */
  transport?: 'HTTP' | 'TCP';
  kind: string;
  error: boolean;
  /** Faults injected on purpose (the fault switches): `latency 200`, from the span's `fault.injected` events or the segment's `fault_injected` annotation. */
  injected?: string;
  childCount: number;
  span?: OtelSpan;
  segment?: XraySegmentDocument;
}

function transportOfSpan(span: OtelSpan): Row['transport'] {
  const a = span.attributes;
  if (a['http.request.method'] !== undefined || a['http.method'] !== undefined) return 'HTTP';
  if (a['rpc.system'] === 'nestjs_tcp' || a['messaging.system'] === 'nestjs_tcp') return 'TCP';
  return undefined;
}

function injectedOfSpan(span: OtelSpan): string | undefined {
  const faults = span.events
    .filter((event) => event.name === 'fault.injected')
    .map((event) => `${String(event.attributes['fault.kind'])} ${String(event.attributes['fault.value'])}`);
  return faults.length > 0 ? faults.join(', ') : undefined;
}

/** The same words from the X-Ray side: the metadata's kinds and values, else the annotation's kinds. */
function injectedOfSegment(doc: XraySegmentDocument): string | undefined {
  const listed = doc.metadata?.default?.fault_injected;
  if (Array.isArray(listed) && listed.length > 0) {
    return listed
      .map((fault: { kind?: unknown; value?: unknown }) => `${String(fault.kind)} ${String(fault.value)}`)
      .join(', ');
  }
  const annotation = doc.annotations?.fault_injected;
  return typeof annotation === 'string' ? annotation : undefined;
}

/** Rows in parent order: each row followed by its children by start time; orphans become roots. */
function ordered(rows: Row[]): Row[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | undefined, Row[]>();
  for (const row of rows) {
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : undefined;
    const list = children.get(parent) ?? [];
    list.push(row);
    children.set(parent, list);
  }
  const out: Row[] = [];
  const seen = new Set<string>();
  // An explicit stack, not recursion: a deep trace must not overflow it.
  const stack: Array<{ row: Row; depth: number }> = (children.get(undefined) ?? [])
    .sort((a, b) => b.startMs - a.startMs)
    .map((row) => ({ row, depth: 0 }));
  while (stack.length > 0) {
    const { row, depth } = stack.pop() as { row: Row; depth: number };
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    const kids = (children.get(row.id) ?? []).sort((a, b) => a.startMs - b.startMs);
    out.push({ ...row, depth, childCount: kids.length });
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ row: kids[i], depth: depth + 1 });
  }
  // A cycle of parents leaves rows unreached: show them at the root rather than hide them.
  for (const row of rows) if (!seen.has(row.id)) out.push({ ...row, depth: 0, childCount: 0 });
  return out;
}

export function spanRows(spans: OtelSpan[]): Row[] {
  return ordered(
    spans.map((span) => ({
      id: span.spanId,
      parentId: span.parentSpanId,
      depth: 0,
      name: span.name,
      service: span.serviceName,
      startMs: nanosToMs(span.startTimeUnixNano),
      endMs: nanosToMs(span.endTimeUnixNano),
      transport: transportOfSpan(span),
      kind: span.kind,
      error: span.status.code === 'ERROR',
      injected: injectedOfSpan(span),
      childCount: 0,
      span,
    })),
  );
}

/** Segments and their nested subsegments as rows; a subsegment belongs to its segment's service. */
export function segmentRows(segments: XraySegmentDocument[]): Row[] {
  const rows: Row[] = [];
  const walk = (doc: XraySegmentDocument, parentId: string | undefined, service: string, level: number) => {
    if (level > 64) return;
    const isSegment = doc.type !== 'subsegment' && level === 0;
    const metadataRpc = doc.metadata?.rpc;
    rows.push({
      id: doc.id,
      parentId,
      depth: 0,
      name: doc.name,
      service,
      startMs: doc.start_time * 1000,
      endMs: (doc.end_time ?? doc.start_time) * 1000,
      transport: doc.http ? 'HTTP' : metadataRpc ? 'TCP' : undefined,
      kind: isSegment ? 'segment' : doc.namespace === 'remote' ? 'remote subsegment' : 'subsegment',
      error: doc.error === true || doc.fault === true || doc.throttle === true,
      injected: injectedOfSegment(doc),
      childCount: 0,
      segment: doc,
    });
    for (const sub of doc.subsegments ?? []) walk(sub, doc.id, service, level + 1);
  };
  for (const segment of segments) {
    const service = segment.type === 'subsegment' ? '' : segment.name;
    walk(segment, segment.parent_id, service, 0);
  }
  // A subsegment sent alone carries no service name: take its segment's.
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const row of rows) {
    let parent = row.parentId ? byId.get(row.parentId) : undefined;
    for (let hops = 0; !row.service && parent && hops < 64; hops++) {
      row.service = parent.service;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
  }
  return ordered(rows);
}

/** The rows to show when some subtrees are collapsed. */
export function visibleRows(rows: Row[], collapsed: Set<string>): Row[] {
  const out: Row[] = [];
  let hideBelow: number | undefined;
  for (const row of rows) {
    if (hideBelow !== undefined && row.depth > hideBelow) continue;
    hideBelow = collapsed.has(row.id) ? row.depth : undefined;
    out.push(row);
  }
  return out;
}
