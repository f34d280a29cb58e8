import { createErrorReporter } from '../error-reporter.factory';
import type { ErrorReporter } from '../error-reporter';
import type { RollbarReporterOptions } from '../error-reporter.options';

/** A gateway's reporter sending to `endpoint`, as a service would configure it. */
export function reporterFor(endpoint: string, overrides: Partial<RollbarReporterOptions> = {}): ErrorReporter {
  return createErrorReporter({
    serviceName: 'gateway',
    serviceVersion: '1.2.3',
    rollbar: {
      accessToken: 'local-token',
      environment: 'production',
      endpoint,
      codeRoot: '/srv/gateway',
      reportClientErrors: false,
      traceLinkBase: 'http://127.0.0.1:4318/api/traces/',
      ...overrides,
    },
  });
}
