/** How a ThrottledWarning paces itself. */
export interface ThrottledWarningOptions {
  /**
   * Least time between two lines written under the same key.
   * @default 60000
   */
  intervalMs?: number;
  /**
   * Most keys remembered; past it the longest-remembered key is forgotten
   * (so a flood of distinct keys costs bounded memory, at worst a repeated line).
   * @default 500
   */
  maxKeys?: number;
  /** Clock in milliseconds (tests pass a fake one). @default Date.now */
  now?: () => number;
}

/**
 * Writes a recurring warning at most once per interval and key, with the
 * number of warnings held back since the last line: trouble that repeats on
 * every request or upload (a destination down, a flood of bad input) stays
 * visible without flooding the log. Writing never throws: reporting a problem
 * must not become one.
 */
export class ThrottledWarning {
  private readonly last = new Map<string, { at: number; held: number }>();
  private readonly intervalMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private seen = 0;

  constructor(
    private readonly write: (message: string) => void,
    options: ThrottledWarningOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** Warnings seen since start, written or held back. */
  get count(): number {
    return this.seen;
  }

  /**
   * Writes `message` unless a line under `key` went out less than an interval
   * ago; returns whether it was written.
   */
  warn(message: string, key: string = ''): boolean {
    this.seen += 1;
    const now = this.now();
    const previous = this.last.get(key);
    if (previous && now - previous.at < this.intervalMs) {
      previous.held += 1;
      return false;
    }
    if (!previous && this.last.size >= this.maxKeys) {
      const oldest = this.last.keys().next();
      if (!oldest.done) this.last.delete(oldest.value);
    }
    this.last.delete(key);
    this.last.set(key, { at: now, held: 0 });
    const held = previous?.held ? ` (${previous.held} similar warning(s) held back)` : '';
    try {
      this.write(`${message}${held}`);
    } catch {
      // Nothing to do: the warning itself could not be written.
    }
    return true;
  }
}
