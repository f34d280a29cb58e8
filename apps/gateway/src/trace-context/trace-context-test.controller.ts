import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotificationsPattern, type TraceContextForwardRequest } from '@app/contracts';
import type { TcpDependencyClient } from '@app/platform';
import { NOTIFICATIONS_CLIENT } from '../gateway.constants';

function isTestItem(value: unknown): value is TraceContextForwardRequest {
  if (typeof value !== 'object' || value === null) return false;
  const url = (value as { url?: unknown }).url;
  return typeof url === 'string' && /^https?:\/\//.test(url);
}

/**
 * The test-service contract of the W3C Trace Context test suite, served only
 * with TRACE_CONTEXT_TEST=1: for each `{url, arguments}`, in order, the
 * notifications service is asked over TCP to POST the arguments to the url,
 * so the context the suite sent comes back to it through a TCP hop. Not part
 * of the public API, so not in the OpenAPI document.
 */
@ApiExcludeController()
@Controller()
@SkipThrottle()
export class TraceContextTestController {
  constructor(@Inject(NOTIFICATIONS_CLIENT) private readonly notifications: TcpDependencyClient) {}

  @Post('test')
  @HttpCode(200)
  async test(@Body() body: unknown): Promise<{ forwarded: number }> {
    if (!Array.isArray(body) || !body.every(isTestItem)) {
      throw new BadRequestException('body must be a JSON array of {"url": "http(s)://...", "arguments": ...}');
    }
    for (const item of body) {
      await this.notifications.send<{ status: number }, TraceContextForwardRequest>(
        NotificationsPattern.TraceContextForward,
        {
          url: item.url,
          arguments: item.arguments,
        },
      );
    }
    return { forwarded: body.length };
  }
}
