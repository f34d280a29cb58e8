import { Module } from '@nestjs/common';
import { LogsModule } from '../logs';
import { OtlpModule } from '../otlp/otlp.module';
import { RollbarModule } from '../rollbar';
import { XrayModule } from '../xray';
import { LiveTracesController } from './live-traces.controller';
import { LiveTracesService } from './live-traces.service';
import { ReadApiController } from './read-api.controller';
import { TraceFactsWarmer } from './trace-facts.warmer';

/** The collector's own JSON read API (`/api/...`). */
@Module({
  imports: [OtlpModule, XrayModule, LogsModule, RollbarModule],
  controllers: [ReadApiController, LiveTracesController],
  providers: [LiveTracesService, TraceFactsWarmer],
})
export class ApiModule {}
