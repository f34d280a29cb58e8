import { Inject, Injectable, Logger } from '@nestjs/common';
import { COLLECTOR_LIMITS } from '../collector.constants';
import type { CollectorLimits } from '../collector.config';
import { FifoQueue } from '../common/fifo.queue';
import { type Protocol, StatsService } from '../common/stats.service';
import type { OtelSpan } from './otel-span';
import { canonicalTraceId } from './trace-ids';
import type { SegmentOrigin, XraySegmentDocument } from './xray-segment';

interface Stored<T> {
  item: T;
  bytes: number;
  origin: Protocol;
}

/** Everything the collector holds about one trace id, from X-Ray and from OpenTelemetry. */
export interface TraceRecord {
  /** Canonical (OpenTelemetry) form. */
  traceId: string;
  /** Segments and independently sent subsegments, by id; a later copy replaces an earlier one (in-progress → complete). */
  segments: Map<string, XraySegmentDocument>;
  spans: Map<string, OtelSpan>;
  firstSeenAt: number;
  updatedAt: number;
  bytes: number;
}

interface Entry {
  record: TraceRecord;
  segments: Map<string, Stored<XraySegmentDocument>>;
  spans: Map<string, Stored<OtelSpan>>;
}

/** Told of each trace a write touched: `created` when the write stored its first item. */
export type TraceListener = (record: TraceRecord, created: boolean) => void;

export interface TraceStoreStats {
  traces: number;
  bytes: number;
  maxTraces: number;
  maxBytes: number;
  evictedTraces: number;
}

/**
 * Traces in memory, keyed by canonical trace id, joining the X-Ray and the
 * OpenTelemetry view of each. Bounded by a number of traces and a number of
 * bytes (items measured as JSON): when either is passed, the traces seen
 * first are evicted first, and their items are counted as evicted under the
 * protocol that brought them.
 */
@Injectable()
export class TraceStore {
  private readonly logger = new Logger(TraceStore.name);
  private readonly entries = new Map<string, Entry>();
  /** Trace ids in first-seen order: the front is the oldest trace. */
  private readonly order = new FifoQueue<string>();
  private totalBytes = 0;
  private evictedTraces = 0;
  private readonly listeners = new Set<TraceListener>();

  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: Pick<CollectorLimits, 'maxTraces' | 'maxTraceBytes'>,
    private readonly stats: StatsService,
  ) {}

  /** Stores a segment or subsegment document whose `trace_id` is valid (the caller has checked it). */
  addSegment(document: XraySegmentDocument, traceId: string, origin: SegmentOrigin, bytes: number): void {
    const created = !this.entries.has(traceId);
    const entry = this.entryFor(traceId);
    this.put(entry, entry.segments, entry.record.segments, document.id, { item: document, bytes, origin });
    this.enforceLimits(entry);
    this.notify(new Map([[entry, created]]));
  }

  /** Stores spans (each already validated), grouping them by trace. */
  addSpans(spans: Array<{ span: OtelSpan; bytes: number }>): void {
    const touched = new Map<Entry, boolean>();
    for (const { span, bytes } of spans) {
      const created = !this.entries.has(span.traceId);
      const entry = this.entryFor(span.traceId);
      this.put(entry, entry.spans, entry.record.spans, span.spanId, { item: span, bytes, origin: 'otlp_traces' });
      this.enforceLimits(entry);
      touched.set(entry, touched.get(entry) === true || created);
    }
    this.notify(touched);
  }

  /** Calls `listener` after each write, once per trace it touched; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A trace by id, in either form. */
  get(id: string): TraceRecord | undefined {
    const traceId = canonicalTraceId(id);
    return traceId === undefined ? undefined : this.entries.get(traceId)?.record;
  }

  /** All traces, most recently updated first. */
  list(): TraceRecord[] {
    return [...this.entries.values()].map((entry) => entry.record).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  storeStats(): TraceStoreStats {
    return {
      traces: this.entries.size,
      bytes: this.totalBytes,
      maxTraces: this.limits.maxTraces,
      maxBytes: this.limits.maxTraceBytes,
      evictedTraces: this.evictedTraces,
    };
  }

  private notify(touched: Map<Entry, boolean>): void {
    if (this.listeners.size === 0) return;
    for (const [entry, created] of touched) {
      // A trace evicted by a later item of the same write is gone: nothing to tell.
      if (this.entries.get(entry.record.traceId) !== entry) continue;
      for (const listener of this.listeners) listener(entry.record, created);
    }
  }

  private entryFor(traceId: string): Entry {
    let entry = this.entries.get(traceId);
    if (!entry) {
      const now = Date.now();
      entry = {
        record: { traceId, segments: new Map(), spans: new Map(), firstSeenAt: now, updatedAt: now, bytes: 0 },
        segments: new Map(),
        spans: new Map(),
      };
      this.entries.set(traceId, entry);
      this.order.push(traceId);
    }
    return entry;
  }

  private put<T>(
    entry: Entry,
    stored: Map<string, Stored<T>>,
    view: Map<string, T>,
    id: string,
    value: Stored<T>,
  ): void {
    const previous = stored.get(id);
    const delta = value.bytes - (previous?.bytes ?? 0);
    stored.set(id, value);
    view.set(id, value.item);
    entry.record.bytes += delta;
    entry.record.updatedAt = Date.now();
    this.totalBytes += delta;
  }

  /** Evicts the oldest traces other than `keep` until both limits hold (a single trace larger than the byte limit stays alone). */
  private enforceLimits(keep: Entry): void {
    let evictedNow = 0;
    while (
      this.entries.size > 1 &&
      (this.entries.size > this.limits.maxTraces || this.totalBytes > this.limits.maxTraceBytes)
    ) {
      const traceId = this.order.shift() as string;
      const entry = this.entries.get(traceId) as Entry;
      if (entry === keep) {
        // The trace being written stays; it goes to the back, as if first seen now.
        this.order.push(traceId);
        continue;
      }
      this.entries.delete(traceId);
      this.totalBytes -= entry.record.bytes;
      for (const { origin } of entry.segments.values()) this.stats.count(origin, 'evicted');
      for (const { origin } of entry.spans.values()) this.stats.count(origin, 'evicted');
      evictedNow += 1;
    }
    if (evictedNow > 0) {
      this.evictedTraces += evictedNow;
      if (this.evictedTraces === evictedNow || this.evictedTraces % 1000 < evictedNow) {
        this.logger.warn(`trace store full: ${this.evictedTraces} traces evicted so far (oldest first)`);
      }
    }
  }
}
