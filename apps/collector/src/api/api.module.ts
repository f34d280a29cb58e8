import { Module } from '@nestjs/common';
import { OtlpModule } from '../otlp/otlp.module';
import { ReadApiController } from './read-api.controller';

/** The collector's own JSON read API (`/api/...`). */
@Module({
  imports: [OtlpModule],
  controllers: [ReadApiController],
})
export class ApiModule {}
