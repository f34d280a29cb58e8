const INTERVAL_MS = 60_000;

/**
 * Counts failures and logs at most one line a minute (with the count since
 * the last line): a conversion bug must be visible without flooding the log
 * from the request path, once per span.
 */
export class FailureReporter {
  private total = 0;
  private unreported = 0;
  private lastLoggedAt = -Infinity;

  constructor(
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Failures seen since start. */
  get count(): number {
    return this.total;
  }

  /** Records one failure; logs it unless a line went out less than a minute ago. */
  report(what: string, error: unknown): void {
    this.total += 1;
    this.unreported += 1;
    const now = this.now();
    if (now - this.lastLoggedAt < INTERVAL_MS) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.log(`${what} failed ${this.unreported} time(s) since the last report (${this.total} in all); latest: ${reason}`);
    this.lastLoggedAt = now;
    this.unreported = 0;
  }
}
