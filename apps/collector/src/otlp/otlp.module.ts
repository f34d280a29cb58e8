import { Module } from '@nestjs/common';
import { XrayModule } from '../xray';
import { OtlpController } from './otlp.controller';
import { OtlpLogStore } from './otlp-log.store';

/** OTLP/HTTP receiver for traces and logs; SigV4-signed trace exports go to X-Ray's OTLP endpoint (XrayModule). */
@Module({
  imports: [XrayModule],
  controllers: [OtlpController],
  providers: [OtlpLogStore],
  exports: [OtlpLogStore],
})
export class OtlpModule {}
