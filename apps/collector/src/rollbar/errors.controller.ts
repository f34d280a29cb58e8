import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { canonicalTraceId } from '../store/trace-ids';
import { ErrorStore } from './error.store';
import { ROLLBAR } from './rollbar.constants';
import type { RollbarItemView } from './rollbar-item.model';

/**
 * `GET /api/errors?trace_id=&limit=`: the kept Rollbar items, newest first,
 * or with `trace_id` (either form) that trace's items, oldest first.
 * Errors use the suite's JSON error shape (the global filter).
 */
@Controller('api')
export class ErrorsController {
  constructor(private readonly store: ErrorStore) {}

  @Get('errors')
  list(@Query('trace_id') traceId?: string, @Query('limit') limitText?: string): RollbarItemView[] {
    const limit = parseLimit(limitText);
    if (traceId === undefined) return this.store.list(limit);
    const canonical = canonicalTraceId(String(traceId));
    if (!canonical) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `trace_id must be 32 hex digits or an X-Ray trace id (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx), got "${String(traceId).slice(0, 100)}"`,
      });
    }
    return this.store.findByTraceId(canonical).slice(0, limit);
  }
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return ROLLBAR.defaultListLimit;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > ROLLBAR.maxListLimit) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `limit must be an integer from 1 to ${ROLLBAR.maxListLimit}, got "${String(text).slice(0, 100)}"`,
    });
  }
  return limit;
}
