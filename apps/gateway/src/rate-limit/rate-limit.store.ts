import type { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottledWarning } from '@app/common';

/** What the store answers the guard (the throttler's ThrottlerStorageRecord, not exported by the package). */
export type RateLimitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface RateLimitStoreOptions {
  /** Most clients with a window held at once. */
  maxClients: number;
  /** Where the line about dropped windows goes (at most once a minute, with the count held back). */
  warn: (message: string) => void;
  /** Clock in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
}

interface ClientWindow {
  hits: number;
  endsAt: number;
}

/**
 * The throttler's storage, in bounded memory: one fixed window per client (its
 * first request opens a window of `ttl`; `limit` requests pass in it, the rest
 * are refused until it ends), at most `maxClients` windows. The package's own
 * ThrottlerStorageService keeps every hit's time per client and forgets idle
 * clients only in a sweep once a minute, so its memory grows with the number
 * of addresses seen in a minute, without a bound.
 *
 * When full, the window closest to its end is dropped (counted and logged):
 * that client starts afresh, which weakens its limit but never refuses anyone.
 * Windows sit in the map in the order they opened; with one ttl for all (the
 * gateway has one throttler), that is the order they end, so the ended ones
 * are always at the front and go first.
 */
export class RateLimitStore implements ThrottlerStorage {
  private readonly windows = new Map<string, ClientWindow>();
  private readonly warning: ThrottledWarning;
  private readonly now: () => number;
  private evicted = 0;

  constructor(private readonly options: RateLimitStoreOptions) {
    this.now = options.now ?? Date.now;
    this.warning = new ThrottledWarning(options.warn, { now: this.now });
  }

  async increment(key: string, ttl: number, limit: number): Promise<RateLimitRecord> {
    const now = this.now();
    this.dropEnded(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.delete(key);
      this.makeRoom();
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const secondsLeft = Math.ceil((window.endsAt - now) / 1000);
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  stats(): { clients: number; maxClients: number; evicted: number } {
    return { clients: this.windows.size, maxClients: this.options.maxClients, evicted: this.evicted };
  }

  private dropEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now) return;
      this.windows.delete(key);
    }
  }

  private makeRoom(): void {
    if (this.windows.size < this.options.maxClients) return;
    const oldest = this.windows.keys().next();
    if (oldest.done) return;
    this.windows.delete(oldest.value);
    this.evicted += 1;
    this.warning.warn(
      `rate limit store full (${this.options.maxClients} clients): dropped the window closest to its end, ` +
        `${this.evicted} in all; those clients start afresh`,
    );
  }
}
