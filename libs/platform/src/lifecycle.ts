import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { type Drainable, messageOf } from '@app/common';
import { shutdownBudget } from './shutdown-budget';

export interface ShutdownOptions {
  /**
   * The whole shutdown's time (SHUTDOWN_TIMEOUT_MS): draining the servers, then the flush of
   * telemetry; past it the process exits 1 anyway. `shutdownBudget` splits it.
   */
  timeoutMs: number;
  logger: LoggerService;
  /**
   * The app's servers (drainableHttpServer, createTracedTcpServer), drained together before the
   * app closes, within the drain's share of `timeoutMs`.
   */
  servers?: readonly Drainable[];
}

/**
 * On SIGTERM or SIGINT: drain the servers (no new connections, what is in flight answered with
 * `Connection: close`, each connection closed once quiet; forced once the drain's share of the
 * timeout is spent), then `app.close()` (the shutdown hooks: the telemetry flush, within its own
 * share), then exit 0. If all that takes longer than the timeout, exit 1; a second signal exits at once.
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
    const startedAt = Date.now();
    const timer = setTimeout(() => {
      options.logger.error(`shutdown took longer than ${options.timeoutMs} ms, exiting`);
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    const { drainMs } = shutdownBudget(options.timeoutMs);
    const servers = options.servers ?? [];
    Promise.all(servers.map((server) => server.drain(drainMs)))
      .then(() => {
        if (servers.length > 0) {
          const names = servers.map((server) => server.drainName).join(' and ');
          options.logger.log(`${names} drained in ${Date.now() - startedAt} ms`);
        }
        return app.close();
      })
      .then(
        () => process.exit(0),
        (error: unknown) => {
          options.logger.error(`shutdown failed: ${error instanceof Error ? error.stack : messageOf(error)}`);
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
