import { Controller, HttpException, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsPattern, type TraceContextForwardRequest } from '@app/contracts';
import { HttpDependencyClient } from '@app/platform';
import type { NotificationsConfig } from '../notifications.config';
import { NOTIFICATIONS_CONFIG } from '../notifications.constants';

/**
 * The notifications half of the W3C Trace Context test service (the gateway
 * serves `POST /test`): each item the gateway forwards is POSTed to the URL
 * it names, in a CLIENT span, so the call carries this service's context.
 *
 * A handler that POSTs to any URL a message names is a request forgery
 * waiting to happen: the module registers this controller only with
 * TRACE_CONTEXT_TEST=1, and without it the pattern has no handler at all.
 */
@Controller()
export class TraceContextForwardController {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'dependencyTimeoutMs'>,
  ) {}

  @MessagePattern(NotificationsPattern.TraceContextForward)
  async forward(@Payload() request: TraceContextForwardRequest): Promise<{ status: number }> {
    const url = new URL(request.url);
    const timeoutMs = this.config.dependencyTimeoutMs;
    const client = new HttpDependencyClient({ name: 'trace-context-test', baseUrl: url.origin, timeoutMs });
    try {
      await client.post(`${url.pathname}${url.search}`, request.arguments ?? {});
      return { status: 200 };
    } catch (error) {
      return { status: error instanceof HttpException ? error.getStatus() : 502 };
    }
  }
}
