import Rollbar from 'rollbar';
import { DisabledErrorReporter } from './disabled.error-reporter';
import type { ErrorReporter } from './error-reporter';
import type { ErrorReporterOptions } from './error-reporter.options';
import { rollbarConfigurationOf } from './rollbar-configuration.builder';
import { RollbarErrorReporter } from './rollbar.error-reporter';

/**
 * The service's error reporter: Rollbar when `options.rollbar` is given, a reporter that does
 * nothing otherwise. Installs no process handlers by itself (`installProcessHandlers`).
 */
export function createErrorReporter(options: ErrorReporterOptions): ErrorReporter {
  const { rollbar } = options;
  if (!rollbar) return new DisabledErrorReporter(options.serviceName);
  const client = new Rollbar(rollbarConfigurationOf({ ...options, rollbar }));
  return new RollbarErrorReporter(client, options.serviceName, rollbar);
}
