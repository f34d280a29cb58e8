import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { messageOf } from '@app/common';

export interface ShutdownOptions {
  /** How long in-flight work may take to finish before the process exits anyway. */
  timeoutMs: number;
  logger: LoggerService;
}

/**
 * On SIGTERM or SIGINT: stop accepting work, let what is in flight finish
 * (Nest's close runs the shutdown hooks and closes the servers), then exit 0.
 * If closing takes longer than the timeout, exit 1; a second signal exits at once.
 */
export function exitOnSignals(app: INestApplicationContext, options: ShutdownOptions): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) {
      options.logger.warn(`received ${signal} again, exiting now`);
      process.exit(1);
    }
    closing = true;
    options.logger.log(`received ${signal}, shutting down`);
    const timer = setTimeout(() => {
      options.logger.error(`shutdown took longer than ${options.timeoutMs} ms, exiting`);
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        options.logger.error(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/**
 * Runs an app's bootstrap; if it fails (a port in use, a bad variable), says so in one line on
 * stderr, `<app> failed to start: <reason>` (the line npm start's supervisor reports), and exits 1.
 */
export function startOrExit(app: string, bootstrap: () => Promise<void>): void {
  bootstrap().catch((error: unknown) => {
    console.error(`${app} failed to start: ${messageOf(error)}`);
    process.exit(1);
  });
}
