import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * 429 in the JSON error shape of every other error. Not the throttler's own
 * ThrottlerException: its string body would answer `error: "ThrottlerException"`.
 */
export class RateLimitExceededException extends HttpException {
  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Rate limit exceeded: ${limitPerMinute} requests per minute per client; retry after ${retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
