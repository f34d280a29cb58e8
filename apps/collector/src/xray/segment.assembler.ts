import type { TraceRecord } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';

const byStartTime = (a: XraySegmentDocument, b: XraySegmentDocument): number => a.start_time - b.start_time;

interface TreeIndex {
  /** Every (sub)segment by id. */
  nodes: Map<string, XraySegmentDocument>;
  /** The stored document each (sub)segment id is part of. */
  owners: Map<string, XraySegmentDocument>;
}

function indexTree(document: XraySegmentDocument, owner: XraySegmentDocument, index: TreeIndex): void {
  index.nodes.set(document.id, document);
  index.owners.set(document.id, owner);
  for (const child of document.subsegments ?? []) indexTree(child, owner, index);
}

/**
 * A trace's segment documents as X-Ray returns them (BatchGetTraces): one per
 * segment, with the subsegments that were sent on their own nested back into
 * their parent segment or parent subsegment (replacing an older nested copy
 * with the same id), children in start order. A subsegment whose parent never
 * arrived stays a document of its own. The stored documents are not modified.
 */
export function assembleTrace(record: TraceRecord): XraySegmentDocument[] {
  const documents = [...record.segments.values()].map((document) => structuredClone(document));
  const index: TreeIndex = { nodes: new Map(), owners: new Map() };
  for (const document of documents) indexTree(document, document, index);

  const independent = documents.filter((document) => document.type === 'subsegment');
  const topLevel = new Set(documents.filter((document) => document.type !== 'subsegment'));
  // Stored document → the stored document it goes into, to refuse loops made by malformed parent ids.
  const attachedTo = new Map<XraySegmentDocument, XraySegmentDocument>();
  const parents = new Map<XraySegmentDocument, XraySegmentDocument>();
  for (const subsegment of independent) {
    const parent = subsegment.parent_id === undefined ? undefined : index.nodes.get(subsegment.parent_id);
    const owner = parent && index.owners.get(parent.id);
    if (parent && owner && !closesLoop(subsegment, owner, attachedTo)) {
      attachedTo.set(subsegment, owner);
      parents.set(subsegment, parent);
    } else {
      topLevel.add(subsegment);
    }
  }
  for (const subsegment of [...independent].sort(byStartTime)) {
    const parent = parents.get(subsegment);
    if (!parent) continue;
    // These fields only make sense on a subsegment sent on its own; X-Ray drops them once it is nested.
    for (const field of ['trace_id', 'parent_id', 'type'] as const) delete subsegment[field];
    const siblings = (parent.subsegments ?? []).filter((child) => child.id !== subsegment.id);
    parent.subsegments = [...siblings, subsegment].sort(byStartTime);
  }
  return [...topLevel].sort(byStartTime);
}

/** Whether putting `child` into `owner` would make a document contain itself. */
function closesLoop(
  child: XraySegmentDocument,
  owner: XraySegmentDocument,
  attachedTo: Map<XraySegmentDocument, XraySegmentDocument>,
): boolean {
  const seen = new Set<XraySegmentDocument>();
  for (let node: XraySegmentDocument | undefined = owner; node; node = attachedTo.get(node)) {
    if (node === child || seen.has(node)) return true;
    seen.add(node);
  }
  return false;
}
