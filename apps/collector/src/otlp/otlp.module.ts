import { Module } from '@nestjs/common';
import { OtlpController } from './otlp.controller';
import { OtlpLogStore } from './otlp-log.store';

/** OTLP/HTTP receiver for traces and logs. */
@Module({
  controllers: [OtlpController],
  providers: [OtlpLogStore],
  exports: [OtlpLogStore],
})
export class OtlpModule {}
