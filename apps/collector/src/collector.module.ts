import { type DynamicModule, Module } from '@nestjs/common';
import { ApiModule } from './api/api.module';
import type { CollectorConfig } from './collector.config';
import { CoreModule } from './core.module';
import { IntakeModule } from './intake';
import { LogsModule } from './logs/logs.module';
import { OtlpModule } from './otlp/otlp.module';
import { RollbarModule } from './rollbar/rollbar.module';
import { XrayModule } from './xray/xray.module';

/**
 * The local collector: one HTTP port for OTLP/HTTP, the X-Ray API, CloudWatch
 * Logs, Rollbar and its own read API; the X-Ray daemon's UDP port and sampling
 * proxy beside it. One module per protocol, sharing CoreModule's store and counters.
 */
@Module({})
export class CollectorModule {
  static forRoot(config: CollectorConfig): DynamicModule {
    return {
      module: CollectorModule,
      imports: [CoreModule.forRoot(config), IntakeModule, XrayModule, OtlpModule, LogsModule, RollbarModule, ApiModule],
    };
  }
}
