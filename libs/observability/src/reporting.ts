import type { Env } from '@app/common';
import { createErrorReporter } from './errors/error-reporter.factory';
import type { ErrorReporter } from './errors/error-reporter';
import { createAppLogger } from './logging/app-logger.factory';
import type { AppLogger } from './logging/app-logger.options';
import { readLoggingOptions, readReportingOptions } from './reporting-options.reader';

export interface Reporting {
  logger: AppLogger;
  errors: ErrorReporter;
}

/**
 * An app's logger and error reporter from its environment (each app passes
 * `process.env`), with the process-level handlers installed: an uncaught
 * exception is logged at `fatal`, reported, flushed, and the process exits 1.
 * Call it after startTelemetry (the CloudWatch client loads `http`).
 */
export function setUpReporting(
  env: Env,
  service: { serviceName: string; serviceVersion: string; environment: string; codeRoot: string },
): Reporting {
  const logger = createAppLogger({
    serviceName: service.serviceName,
    serviceVersion: service.serviceVersion,
    environment: service.environment,
    ...readLoggingOptions(env, service.serviceName),
  });
  const errors = createErrorReporter({
    serviceName: service.serviceName,
    serviceVersion: service.serviceVersion,
    ...readReportingOptions(env, service.codeRoot, service.environment),
  });
  errors.installProcessHandlers((error) => {
    logger.winston.fatal('uncaught error, exiting', { error: error instanceof Error ? error.stack : String(error) });
    void logger.flush(2000);
  });
  return { logger, errors };
}
