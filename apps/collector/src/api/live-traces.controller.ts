import type { ServerResponse } from 'node:http';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { LiveTracesService, MAX_LIVE_CLIENTS } from './live-traces.service';

/** `GET /api/live`: the trace list as it grows, as server-sent events (see LiveTracesService). */
@Controller('api')
export class LiveTracesController {
  constructor(private readonly live: LiveTracesService) {}

  @Get('live')
  stream(@Res() response: ServerResponse): void {
    if (!this.live.admit())
      throw new ServiceUnavailableException(
        `at most ${MAX_LIVE_CLIENTS} live clients at once; close another stream or retry later`,
      );
    this.live.attach(response);
  }
}
