import type { XrayDocument } from './xray-document.types';

/** A segment with subsegments nested in it, and the subsegments that had no place in it. */
export interface NestedSegment {
  segment: XrayDocument;
  /** Held subsegments whose parent is neither the segment nor another of them: sent on their own. */
  unplaced: XrayDocument[];
}

/**
 * Nests independent subsegments (as toXrayDocument makes them) into their segment by
 * `parent_id`, the way the SDK's Segment serializes its tree: a nested subsegment drops
 * `type`, `trace_id` and `parent_id`, which its place in `subsegments` already says.
 * The inputs are left as they are (a copy is nested), so the caller can still send them
 * on their own when the whole is too large for one datagram.
 */
export function nestSubsegments(segment: XrayDocument, subsegments: readonly XrayDocument[]): NestedSegment {
  const root: XrayDocument = { ...segment, subsegments: undefined };
  if (subsegments.length === 0) return { segment: root, unplaced: [] };
  const nestedById = new Map<string, XrayDocument>([[segment.id, root]]);
  for (const document of subsegments) {
    const { type: _type, trace_id: _traceId, parent_id: _parentId, ...nested } = document;
    nestedById.set(document.id, nested);
  }
  const unplaced: XrayDocument[] = [];
  for (const document of subsegments) {
    const parent = document.parent_id === undefined ? undefined : nestedById.get(document.parent_id);
    // Span ids are unique and a span's parent started before it: parent links never form a cycle.
    if (parent && document.trace_id === segment.trace_id)
      (parent.subsegments ??= []).push(nestedById.get(document.id)!);
    else unplaced.push(document);
  }
  // An unplaced subsegment still carries what was nested under it.
  const withChildren = unplaced.map((document) => {
    const children = nestedById.get(document.id)?.subsegments;
    return children ? { ...document, subsegments: children } : document;
  });
  return { segment: root, unplaced: withChildren };
}
