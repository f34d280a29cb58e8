import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStore } from './rate-limit.store';

/** Most client addresses with a window held at once (README, Limits): about 2 MB when full. */
export const RATE_LIMIT_MAX_CLIENTS = 10_000;

/**
 * Rate limits per client address: `limitPerMinute` requests a minute, then 429
 * until the client's minute ends. Routes marked `@SkipThrottle()` are not counted.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limitPerMinute: number): DynamicModule {
    const logger = new Logger('RateLimit');
    const storage = new RateLimitStore({ maxClients: RATE_LIMIT_MAX_CLIENTS, warn: (line) => logger.warn(line) });
    return {
      module: RateLimitModule,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: limitPerMinute }], storage })],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
