const INTERVAL_MS = 60_000;

/**
 * Reports a recurring problem at most once a minute per key (a destination),
 * with how often it happened since the last report: a collector that is down
 * must be visible on the console without one line per upload attempt.
 */
export class OnceAMinuteReporter {
  private readonly last = new Map<string, { at: number; silenced: number }>();

  constructor(
    private readonly write: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reports `message` under `key` unless that key was reported less than a minute ago. */
  report(key: string, message: string): void {
    const now = this.now();
    const seen = this.last.get(key);
    if (seen && now - seen.at < INTERVAL_MS) {
      seen.silenced += 1;
      return;
    }
    const repeats = seen?.silenced ? ` (${seen.silenced} more time(s) since the last report)` : '';
    this.last.set(key, { at: now, silenced: 0 });
    try {
      this.write(`${message}${repeats}; repeats are silenced for a minute`);
    } catch {
      // Reporting a logging problem must not become one.
    }
  }
}
