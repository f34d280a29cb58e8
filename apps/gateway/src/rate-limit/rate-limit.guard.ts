import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, normalizeIp } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { shareHttpRoute } from '@app/observability';
import { RateLimitExceededException } from './rate-limit-exceeded.exception';

/**
 * The throttler's guard with the gateway's choices: one budget per client
 * address for all routes together (the stock key is per route), and the IETF
 * draft's `RateLimit-Limit`, `-Remaining`, `-Reset` on every limited answer,
 * the 429 included (the stock guard sends only `Retry-After` there), whose
 * body has the JSON error shape. A global guard runs after the middleware,
 * inside the request's HTTP server span, and before the interceptors: a 429
 * has the server span (named after its route) and its access line, but no
 * handler span.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  /**
   * The socket's address, never `X-Forwarded-For`, which any client can
   * write (the stock tracker reads `req.ip`, which trusts it once Express's
   * `trust proxy` is set). IPv6 addresses count per /64, the throttler's default.
   */
  protected override async getTracker(request: Request): Promise<string> {
    return normalizeIp(request.socket.remoteAddress ?? 'unknown', this.ipv6SubnetPrefix);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return tracker;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const http = context.switchToHttp();
    // The interceptor that names the server span after the route never runs for a refused request.
    shareHttpRoute(http.getRequest<Request>());
    const response = http.getResponse<Response>();
    response.setHeader(`${this.headerPrefix}-Limit`, detail.limit);
    response.setHeader(`${this.headerPrefix}-Remaining`, 0);
    response.setHeader(`${this.headerPrefix}-Reset`, detail.timeToExpire);
    throw new RateLimitExceededException(detail.limit, detail.timeToBlockExpire);
  }
}
