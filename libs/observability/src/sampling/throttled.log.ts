/** Where the sampler reports trouble (the library's diag logger by default). */
export interface SamplingLogger {
  warn(message: string): void;
}

/**
 * Passes a warning on at most once per interval, counting the ones held
 * back: a daemon that stays unreachable must not flood the logs.
 */
export class ThrottledLog {
  private lastAt = Number.NEGATIVE_INFINITY;
  private held = 0;

  constructor(
    private readonly logger: SamplingLogger,
    private readonly now: () => number,
    private readonly intervalMs = 60_000,
  ) {}

  warn(message: string): void {
    const now = this.now();
    if (now - this.lastAt < this.intervalMs) {
      this.held++;
      return;
    }
    this.logger.warn(this.held > 0 ? `${message} (${this.held} similar warnings held back)` : message);
    this.lastAt = now;
    this.held = 0;
  }
}
