import type { XrayDocument } from './xray-document.types';

/** Limits of {@link SubsegmentHolder}. */
export interface SubsegmentHolderLimits {
  /**
   * Finished subsegments one open segment may hold; reaching it sends them on their own
   * (the SDK's `streamingThreshold`, whose default is the same 100).
   */
  maxPerSegment: number;
  /** Finished subsegments held across all open segments; beyond it a subsegment is sent at once. */
  maxHeld: number;
}

export const DEFAULT_SUBSEGMENT_HOLDER_LIMITS: SubsegmentHolderLimits = { maxPerSegment: 100, maxHeld: 2000 };

/** The finished subsegments of one segment span that has not ended yet. */
class SegmentGroup {
  held: XrayDocument[] = [];
  closed = false;
}

/**
 * Keeps the finished subsegments of a segment until the segment span itself ends, so the
 * segment goes out as one datagram with its subsegments nested, as aws-xray-sdk-core sends
 * one: one UDP send per service and request instead of one per span.
 *
 * Spans are keys of a WeakMap (a span that never ends costs nothing once it is unreachable).
 * Bounded: a segment holding {@link SubsegmentHolderLimits.maxPerSegment} hands them back to be
 * sent on their own (streamed), and past {@link SubsegmentHolderLimits.maxHeld} in all a
 * subsegment is handed back at once; nothing is dropped. `streamed` counts what went out on
 * its own because of a limit.
 */
export class SubsegmentHolder {
  private readonly groups = new WeakMap<object, SegmentGroup>();
  /** Groups holding documents, for drain(); a group leaves it when it is emptied. */
  private readonly holding = new Set<SegmentGroup>();
  private heldCount = 0;
  private streamedCount = 0;

  constructor(private readonly limits: SubsegmentHolderLimits = DEFAULT_SUBSEGMENT_HOLDER_LIMITS) {}

  /** Subsegments held now, across all open segments. */
  get held(): number {
    return this.heldCount;
  }

  /** Subsegments sent on their own because a limit was reached. */
  get streamed(): number {
    return this.streamedCount;
  }

  /** A segment span started: its subsegments will gather here. */
  openSegment(segmentSpan: object): void {
    this.groups.set(segmentSpan, new SegmentGroup());
  }

  /** A subsegment span started under `parentSpan`: it belongs to the parent's segment, if that is held here. */
  join(span: object, parentSpan: object): void {
    const group = this.groups.get(parentSpan);
    if (group && !group.closed) this.groups.set(span, group);
  }

  /**
   * A subsegment span ended with this document: held when its segment is still open and
   * within the limits. Returns what must be sent now: nothing, the document itself, or
   * (at the per-segment limit) everything its segment held.
   */
  hold(span: object, document: XrayDocument): XrayDocument[] {
    const group = this.groups.get(span);
    if (!group || group.closed) return [document];
    if (this.heldCount >= this.limits.maxHeld) {
      this.streamedCount += 1;
      return [document];
    }
    group.held.push(document);
    this.heldCount += 1;
    this.holding.add(group);
    if (group.held.length < this.limits.maxPerSegment) return [];
    const streamed = this.empty(group);
    this.streamedCount += streamed.length;
    return streamed;
  }

  /** The segment span ended: what its segment held, to nest inside it. Later subsegments are sent on their own. */
  close(segmentSpan: object): XrayDocument[] {
    const group = this.groups.get(segmentSpan);
    if (!group) return [];
    group.closed = true;
    this.groups.delete(segmentSpan);
    return this.empty(group);
  }

  /** Everything held by segments still open (for a flush); they keep gathering what ends later. */
  drain(): XrayDocument[] {
    const documents: XrayDocument[] = [];
    for (const group of [...this.holding]) documents.push(...this.empty(group));
    return documents;
  }

  private empty(group: SegmentGroup): XrayDocument[] {
    const documents = group.held;
    group.held = [];
    this.heldCount -= documents.length;
    this.holding.delete(group);
    return documents;
  }
}
