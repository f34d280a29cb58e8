import { Logger } from '@nestjs/common';

/**
 * Logs a warning at most once per interval, with the number of similar
 * warnings held back since the last one, so a flood of bad input cannot
 * flood the log.
 */
export class RateLimitedLogger {
  private readonly logger: Logger;
  private lastAt = 0;
  private suppressed = 0;

  constructor(context: string, private readonly intervalMs = 1000) {
    this.logger = new Logger(context);
  }

  warn(message: string): void {
    const now = Date.now();
    if (now - this.lastAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    const held = this.suppressed > 0 ? ` (${this.suppressed} similar warnings held back)` : '';
    this.lastAt = now;
    this.suppressed = 0;
    this.logger.warn(`${message}${held}`);
  }
}
