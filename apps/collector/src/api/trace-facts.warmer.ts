import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { TraceRecord } from '../store/trace.store';
import { SafeTraceReader } from '../store/safe-trace.reader';
import { TraceStore } from '../store/trace.store';
import { factsOf } from './trace-facts';

/** How long writes are gathered before their traces' facts are computed. */
const SETTLE_MS = 200;

/**
 * Computes the facts of each written trace shortly after its writes settle,
 * so that the trace list and the map read them from the cache instead of
 * computing thousands at once on a page's first request. The pending set
 * holds records of the store, so it is bounded by the store's own limit;
 * a record evicted meanwhile costs one needless computation at most.
 */
@Injectable()
export class TraceFactsWarmer implements OnModuleInit, OnApplicationShutdown {
  private readonly pending = new Set<TraceRecord>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly traces: TraceStore,
    private readonly reader: SafeTraceReader,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.traces.subscribe((record) => {
      this.pending.add(record);
      this.timer ??= setTimeout(() => this.warm(), SETTLE_MS).unref();
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  private warm(): void {
    this.timer = undefined;
    // On a timer: a trace that cannot be read must not become an uncaught exception.
    this.reader.each(this.pending, factsOf);
    this.pending.clear();
  }
}
