import { messageOf } from '@app/common';
import { Injectable, Logger } from '@nestjs/common';
import { refusedInputWarning } from '../common/refused-input.warning';
import { StatsService } from '../common/stats.service';
import type { TraceRecord } from './trace.store';

/**
 * Reads stored traces for the answers that cover many of them (the trace
 * list, the maps, GetTraceSummaries, GetServiceGraph, BatchGetTraces) and for
 * the timers (facts warmer, live feed): a record whose read throws is left
 * out, counted (`unreadableTraces` in `GET /api/stats`) and warned about at
 * most once a second, so one bad record can neither turn a whole answer into
 * a 500 nor, from a timer, crash the process. Input is checked on the way in;
 * this is the defence behind it.
 */
@Injectable()
export class SafeTraceReader {
  private readonly logger = new Logger('TraceReads');
  private readonly warnings = refusedInputWarning(this.logger);

  constructor(private readonly stats: StatsService) {}

  /** `read` of every record, without the records whose read threw. */
  each<T>(records: Iterable<TraceRecord>, read: (record: TraceRecord) => T): T[] {
    const results: T[] = [];
    for (const record of records) {
      try {
        results.push(read(record));
      } catch (error) {
        this.failed(record, error);
      }
    }
    return results;
  }

  /** `read` of one record, or undefined when it threw. */
  one<T>(record: TraceRecord, read: (record: TraceRecord) => T): T | undefined {
    return this.each([record], read)[0];
  }

  private failed(record: TraceRecord, error: unknown): void {
    this.stats.countUnreadableTrace();
    this.warnings.warn(`left out trace ${record.traceId}, which cannot be read: ${messageOf(error)}`);
  }
}
