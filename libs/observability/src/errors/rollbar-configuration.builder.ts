import type Rollbar from 'rollbar';
import type { ErrorReporterOptions, RollbarReporterOptions } from './error-reporter.options';
import { applyRequestEnvelope } from './request-data.builder';
import { SECRET_NAME_SOURCE } from '../redaction/secret-name';

/**
 * Headers Rollbar must scrub wherever they appear (its list replaces the default one, so the
 * defaults are repeated). Matched case-insensitively as whole key names.
 */
const SCRUB_HEADERS = [
  'authorization',
  'proxy-authorization',
  'www-authorization',
  'http_authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-access-token',
  'x-amz-security-token',
  'x-csrf-token',
  'x_csrf_token',
  'oauth-access-token',
  'omniauth.auth',
];

/**
 * Rollbar's client configuration for our options. What it decides:
 * - no `captureUncaught`/`captureUnhandledRejections`: Rollbar's handlers keep a crashed process
 *   alive; ours report, flush and exit (fatal-error.handlers.ts);
 * - no `autoInstrument`: it would patch `http` and `console` under OpenTelemetry's instrumentation;
 * - Rollbar's console logging off: delivery failures come back through each item's callback and
 *   are reported once a minute by the reporter;
 * - scrubbing by Rollbar as a second line of defence (the reporter redacts what it passes in):
 *   `scrubFields` is added to Rollbar's defaults, and matches our secret-name rule.
 */
export function rollbarConfigurationOf(
  options: ErrorReporterOptions & { rollbar: RollbarReporterOptions },
): Rollbar.Configuration {
  const { rollbar } = options;
  return {
    accessToken: rollbar.accessToken,
    endpoint: rollbar.endpoint,
    environment: rollbar.environment,
    codeVersion: options.serviceVersion,
    payload: {
      environment: rollbar.environment,
      code_version: options.serviceVersion,
      server: { root: rollbar.codeRoot },
    },
    captureUncaught: false,
    captureUnhandledRejections: false,
    autoInstrument: false,
    // 'disable' is a level of Rollbar's internal logger (src/logger.js) that its typings omit; any
    // other unknown value would make that logger print everything.
    logLevel: 'disable' as Rollbar.Level,
    verbose: false,
    reportLevel: 'debug',
    transmit: true,
    sendConfig: false,
    scrubHeaders: SCRUB_HEADERS,
    scrubFields: [SECRET_NAME_SOURCE],
    scrubRequestBody: true,
    addRequestData: applyRequestEnvelope,
  };
}
