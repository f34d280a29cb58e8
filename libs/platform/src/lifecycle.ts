import type { INestApplicationContext, LoggerService } from '@nestjs/common';

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
