import type { TraceRecord } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { assembleTrace } from '../xray';
import type { CompareResponse, ComparedSpan } from './explorer.contract';
import { nanosToMs } from './nanos';
import { factsOf } from './trace-facts';

/** How many spans `contributors` lists at most. */
const MAX_CONTRIBUTORS = 10;

interface TreeNode {
  id: string;
  service: string;
  name: string;
  start: number;
  end: number;
  children: TreeNode[];
}

interface Keyed {
  key: string;
  depth: number;
  node: TreeNode;
  /** Keys of the children, in start order. */
  children: string[];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** The trace's tree from its spans, or from its X-Ray (sub)segments when it has none; roots in start order. */
function treeOf(record: TraceRecord): TreeNode[] {
  const flat: Array<TreeNode & { parentId?: string }> = [];
  if (record.spans.size > 0) {
    for (const span of record.spans.values())
      flat.push({
        id: span.spanId,
        parentId: span.parentSpanId,
        service: span.serviceName,
        name: span.name,
        start: nanosToMs(span.startTimeUnixNano),
        end: nanosToMs(span.endTimeUnixNano),
        children: [],
      });
  } else {
    const visit = (document: XraySegmentDocument, service: string, parentId?: string) => {
      const end = (document.end_time ?? document.start_time) * 1000;
      flat.push({
        id: document.id,
        parentId,
        service,
        name: document.name,
        start: document.start_time * 1000,
        end,
        children: [],
      });
      for (const child of document.subsegments ?? []) visit(child, service, document.id);
    };
    for (const document of assembleTrace(record)) visit(document, document.name, document.parent_id);
  }
  const byId = new Map(flat.map((node) => [node.id, node]));
  const roots: TreeNode[] = [];
  for (const node of flat) {
    const parent = node.parentId === undefined ? undefined : byId.get(node.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  for (const node of flat) node.children.sort((a, b) => a.start - b.start);
  return roots.sort((a, b) => a.start - b.start);
}

/** Keys every node by its path of `service:name#n` steps (n: index among same-named siblings). */
function keyTree(roots: TreeNode[]): Map<string, Keyed> {
  const keyed = new Map<string, Keyed>();
  const visit = (siblings: TreeNode[], prefix: string, depth: number): string[] => {
    const seen = new Map<string, number>();
    return siblings.map((node) => {
      const step = `${node.service}:${node.name}`;
      const index = seen.get(step) ?? 0;
      seen.set(step, index + 1);
      const key = `${prefix}/${step}#${index}`;
      const entry: Keyed = { key, depth, node, children: [] };
      keyed.set(key, entry);
      entry.children = visit(node.children, key, depth + 1);
      return key;
    });
  };
  visit(roots, '', 0);
  return keyed;
}

/** A node's own time: its duration less the union of its children's intervals clipped to it. */
function selfMs(node: TreeNode): number {
  let covered = 0;
  let reach = node.start;
  for (const child of node.children) {
    const from = Math.max(child.start, reach);
    const to = Math.min(child.end, node.end);
    if (to > from) covered += to - from;
    reach = Math.max(reach, Math.min(child.end, node.end));
  }
  return Math.max(0, node.end - node.start - covered);
}

const sideOf = (node: TreeNode) => ({
  spanId: node.id,
  durationMs: round3(node.end - node.start),
  selfMs: round3(selfMs(node)),
});

/**
 * Two traces side by side: spans matched by service, name and place in the
 * tree (the key), in a's tree order with b's added spans after their siblings
 * of a; contributors are the spans whose own time changed most (an unmatched
 * span counts with its own time, negative when missing from b).
 */
export function compareTraces(a: TraceRecord, b: TraceRecord): CompareResponse {
  const treeA = keyTree(treeOf(a));
  const treeB = keyTree(treeOf(b));
  const spans: ComparedSpan[] = [];
  const emit = (key: string) => {
    const inA = treeA.get(key);
    const inB = treeB.get(key);
    const entry = (inA ?? inB) as Keyed;
    const sideA = inA && sideOf(inA.node);
    const sideB = inB && sideOf(inB.node);
    const change = sideA && sideB ? 'matched' : sideB ? 'added' : 'missing';
    spans.push({
      key,
      service: entry.node.service,
      name: entry.node.name,
      depth: entry.depth,
      ...(sideA ? { a: sideA } : {}),
      ...(sideB ? { b: sideB } : {}),
      change,
      deltaMs: sideA && sideB ? round3(sideB.durationMs - sideA.durationMs) : 0,
      selfDeltaMs: round3((sideB?.selfMs ?? 0) - (sideA?.selfMs ?? 0)),
    });
    const children = [...(inA?.children ?? [])];
    for (const child of inB?.children ?? []) if (!children.includes(child)) children.push(child);
    for (const child of children) emit(child);
  };
  const roots = [...treeA.values(), ...treeB.values()].filter((entry) => entry.depth === 0).map((entry) => entry.key);
  for (const key of new Set(roots)) emit(key);
  const contributors = spans
    .filter((span) => span.selfDeltaMs !== 0)
    .sort((x, y) => Math.abs(y.selfDeltaMs) - Math.abs(x.selfDeltaMs))
    .slice(0, MAX_CONTRIBUTORS);
  return { a: factsOf(a).item, b: factsOf(b).item, spans, contributors };
}
