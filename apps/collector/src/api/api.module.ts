import { Module } from '@nestjs/common';
import { LogsModule } from '../logs';
import { OtlpModule } from '../otlp/otlp.module';
import { RollbarModule } from '../rollbar';
import { XrayModule } from '../xray';
import { ReadApiController } from './read-api.controller';

/** The collector's own JSON read API (`/api/...`). */
@Module({
  imports: [OtlpModule, XrayModule, LogsModule, RollbarModule],
  controllers: [ReadApiController],
})
export class ApiModule {}
