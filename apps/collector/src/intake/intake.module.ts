import { Global, Module } from '@nestjs/common';
import { IntakeController } from './intake.controller';
import { IntakeInterceptor } from './intake.interceptor';
import { IntakeLog } from './intake.log';

/**
 * The intake record: what each telemetry request carried (`GET /api/intake`). Global, so that
 * every protocol module's controllers can be marked with RecordIntake.
 */
@Global()
@Module({
  controllers: [IntakeController],
  providers: [{ provide: IntakeLog, useFactory: () => new IntakeLog() }, IntakeInterceptor],
  exports: [IntakeLog, IntakeInterceptor],
})
export class IntakeModule {}
