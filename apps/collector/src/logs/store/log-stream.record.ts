import { compareEventKeys, type EventKey } from './log-event.key';
import type { LogGroupRecord, StoredLogEvent } from './log.model';

/** Removed events are dropped from the array once they are this many and half of it. */
const COMPACT_AFTER = 64;

/**
 * A log stream: its events sorted by timestamp then arrival, as GetLogEvents
 * returns them. Batches usually arrive in order, so inserting is an append;
 * eviction marks events removed and compacts now and then, so dropping the
 * oldest of many events stays cheap.
 */
export class LogStreamRecord {
  /** Sorted by key; may hold removed events (skip them). */
  private events: StoredLogEvent[] = [];
  private removedCount = 0;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes = 0;

  constructor(
    readonly group: LogGroupRecord,
    readonly name: string,
    readonly creationTime: number,
  ) {}

  /** Kept events. */
  get size(): number {
    return this.events.length - this.removedCount;
  }

  insert(event: StoredLogEvent): void {
    const { events } = this;
    const last = events[events.length - 1];
    if (!last || compareEventKeys(last, event) < 0) events.push(event);
    else events.splice(this.firstIndexAfter(event), 0, event);
    this.storedBytes += event.bytes;
    // Like AWS, these describe what the stream ever received, not what is still kept.
    this.firstEventTimestamp = Math.min(this.firstEventTimestamp ?? event.timestamp, event.timestamp);
    this.lastEventTimestamp = Math.max(this.lastEventTimestamp ?? event.timestamp, event.timestamp);
    this.lastIngestionTime = event.ingestionTime;
  }

  remove(event: StoredLogEvent): void {
    if (event.removed) return;
    event.removed = true;
    this.removedCount += 1;
    this.storedBytes -= event.bytes;
    if (this.removedCount >= COMPACT_AFTER && this.removedCount * 2 >= this.events.length) {
      this.events = this.events.filter((kept) => !kept.removed);
      this.removedCount = 0;
    }
  }

  /** Every kept event, in order. */
  all(): StoredLogEvent[] {
    return this.events.filter((event) => !event.removed);
  }

  /**
   * Kept events with `after < key < before` (either bound optional) and
   * `startTime <= timestamp < endTime`, in order.
   */
  between(bounds: { after?: EventKey; before?: EventKey; startTime?: number; endTime?: number }): StoredLogEvent[] {
    // Sequence numbers start at 1, so (startTime, 0) sits just before the first event at startTime.
    const from = Math.max(
      bounds.after ? this.firstIndexAfter(bounds.after) : 0,
      bounds.startTime !== undefined ? this.firstIndexAfter({ timestamp: bounds.startTime, seq: 0 }) : 0,
    );
    const found: StoredLogEvent[] = [];
    for (let i = from; i < this.events.length; i++) {
      const event = this.events[i];
      if (bounds.before && compareEventKeys(event, bounds.before) >= 0) break;
      if (bounds.endTime !== undefined && event.timestamp >= bounds.endTime) break;
      if (!event.removed) found.push(event);
    }
    return found;
  }

  /** Index of the first event whose key is greater than `key` (binary search). */
  private firstIndexAfter(key: EventKey): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareEventKeys(this.events[middle], key) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
