import { Inject, Injectable } from '@nestjs/common';
import { COLLECTOR_LIMITS } from '../collector.constants';
import type { CollectorLimits } from '../collector.config';
import { FifoQueue } from '../common/fifo.queue';
import { StatsService } from '../common/stats.service';
import { canonicalTraceId } from '../store/trace-ids';
import type { OtlpLogRecord } from './otlp-logs.reader';

interface Entry {
  record: OtlpLogRecord;
  bytes: number;
}

export interface OtlpLogStoreStats {
  records: number;
  bytes: number;
  maxRecords: number;
  maxBytes: number;
  evicted: number;
}

/**
 * OTLP log records in arrival order, indexed by trace id. Bounded by the log
 * limits (records and bytes, measured as JSON): when full, the oldest records
 * go first and are counted as evicted under `otlp_logs`.
 */
@Injectable()
export class OtlpLogStore {
  private readonly entries = new Map<number, Entry>();
  /** Sequence numbers in arrival order: the front is the oldest record. */
  private readonly order = new FifoQueue<number>();
  private readonly byTrace = new Map<string, Set<number>>();
  private nextSeq = 0;
  private totalBytes = 0;
  private evicted = 0;

  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: Pick<CollectorLimits, 'maxLogEvents' | 'maxLogBytes'>,
    private readonly stats: StatsService,
  ) {}

  add(records: Array<{ record: OtlpLogRecord; bytes: number }>): void {
    for (const { record, bytes } of records) {
      const seq = this.nextSeq++;
      this.entries.set(seq, { record, bytes });
      this.order.push(seq);
      this.totalBytes += bytes;
      if (record.traceId) {
        let seqs = this.byTrace.get(record.traceId);
        if (!seqs) this.byTrace.set(record.traceId, (seqs = new Set()));
        seqs.add(seq);
      }
      this.evictOverflow();
    }
  }

  /** Records of a trace (id in either form), oldest first. */
  findByTraceId(id: string): OtlpLogRecord[] {
    const traceId = canonicalTraceId(id);
    const seqs = traceId ? this.byTrace.get(traceId) : undefined;
    return seqs ? [...seqs].flatMap((seq) => this.entries.get(seq)?.record ?? []) : [];
  }

  storeStats(): OtlpLogStoreStats {
    return {
      records: this.entries.size,
      bytes: this.totalBytes,
      maxRecords: this.limits.maxLogEvents,
      maxBytes: this.limits.maxLogBytes,
      evicted: this.evicted,
    };
  }

  private evictOverflow(): void {
    while (
      this.entries.size > 1 &&
      (this.entries.size > this.limits.maxLogEvents || this.totalBytes > this.limits.maxLogBytes)
    ) {
      const seq = this.order.shift() as number;
      const entry = this.entries.get(seq) as Entry;
      this.entries.delete(seq);
      this.totalBytes -= entry.bytes;
      const traceId = entry.record.traceId;
      if (traceId) {
        const seqs = this.byTrace.get(traceId);
        seqs?.delete(seq);
        if (seqs?.size === 0) this.byTrace.delete(traceId);
      }
      this.evicted += 1;
      this.stats.count('otlp_logs', 'evicted');
    }
  }
}
