import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { CollectorLimits } from '../collector.config';
import { COLLECTOR_LIMITS } from '../collector.constants';
import { readBody } from '../common/body.reader';
import { ProtocolError } from '../common/protocol.error';
import { ErrorStore } from './error.store';
import { ROLLBAR } from './rollbar.constants';
import { RollbarErrorFilter } from './rollbar-error.filter';
import { parseRollbarJson, validateRollbarPayload } from './rollbar-item.validator';
import { RecordIntake } from '../intake';

/** Rollbar's answer to an accepted item. */
export interface RollbarItemAccepted {
  err: 0;
  result: { id: null; uuid: string };
}

/**
 * Rollbar's item API: `POST /api/1/item/`. The rollbar client posts to its
 * `endpoint` URL exactly as given, so `POST /api/1/` is accepted as well
 * (for `endpoint: "<collector>/api/1/"`). Any non-empty access token is
 * accepted, from `X-Rollbar-Access-Token` or the body's `access_token`.
 */
@Controller('api/1')
@UseFilters(RollbarErrorFilter)
@RecordIntake('rollbar')
export class RollbarItemController {
  constructor(
    @Inject(COLLECTOR_LIMITS) private readonly limits: CollectorLimits,
    private readonly store: ErrorStore,
  ) {}

  @Post(['item', ''])
  @HttpCode(200)
  async create(@Req() request: IncomingMessage): Promise<RollbarItemAccepted> {
    const body = await readBody(request, Math.min(this.limits.bodyLimitBytes, ROLLBAR.maxItemBytes));
    const payload = parseRollbarJson(body);
    const header = request.headers['x-rollbar-access-token'];
    const bodyToken =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).access_token : undefined;
    const token = typeof header === 'string' && header.trim() !== '' ? header : bodyToken;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new ProtocolError(
        401,
        'MissingAccessToken',
        'No access token: send it in the X-Rollbar-Access-Token header or as access_token in the body',
      );
    }
    const { data } = validateRollbarPayload(payload);
    const view = this.store.add(data, body.length, Date.now());
    return { err: 0, result: { id: null, uuid: view.uuid } };
  }
}
