import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { CollectorConfig } from './collector.config';
import { COLLECTOR_CONFIG, COLLECTOR_LIMITS } from './collector.constants';
import { StatsService } from './common/stats.service';
import { SafeTraceReader } from './store/safe-trace.reader';
import { TraceStore } from './store/trace.store';

/** What every protocol module shares: the configuration, the counters, the trace store and its safe reader. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: CollectorConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: COLLECTOR_CONFIG, useValue: config },
        { provide: COLLECTOR_LIMITS, useValue: config.limits },
        StatsService,
        TraceStore,
        SafeTraceReader,
      ],
      exports: [COLLECTOR_CONFIG, COLLECTOR_LIMITS, StatsService, TraceStore, SafeTraceReader],
    };
  }
}
