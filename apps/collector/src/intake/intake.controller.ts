import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { IntakeLog, type IntakeEntry } from './intake.log';

/** `GET /api/intake`: the last telemetry requests received, newest first, secrets redacted. */
@Controller('api')
export class IntakeController {
  constructor(@Inject(IntakeLog) private readonly log: IntakeLog) {}

  @Get('intake')
  list(@Query('path') path?: unknown): { requests: IntakeEntry[]; limit: number; dropped: number } {
    if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
      throw new BadRequestException('path must be one path starting with "/", such as /v1/traces');
    }
    const { limit, dropped } = this.log.stats();
    return { requests: this.log.list(path), limit, dropped };
  }
}
