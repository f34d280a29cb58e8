import { Module } from '@nestjs/common';
import { LogsModule } from '../logs';
import { OtlpModule } from '../otlp/otlp.module';
import { RollbarModule } from '../rollbar';
import { XrayModule } from '../xray';
import { LiveTracesController } from './live-traces.controller';
import { LiveTracesService } from './live-traces.service';
import { ReadApiController } from './read-api.controller';

/** The collector's own JSON read API (`/api/...`). */
@Module({
  imports: [OtlpModule, XrayModule, LogsModule, RollbarModule],
  controllers: [ReadApiController, LiveTracesController],
  providers: [LiveTracesService],
})
export class ApiModule {}
