import { hostname } from 'node:os';
import { ConfigError, type Env, readAwsRegion, readFlag, readHttpUrl, readPositiveInt } from '@app/common';
import type { ErrorReporterOptions } from './errors/error-reporter.options';
import type { AppLoggerOptions } from './logging/app-logger.options';
import { LOCAL_COLLECTOR, localCollectorCredentials } from './local-aws-credentials';
import { APP_LOG_LEVELS, isAppLogLevel } from './logging/log-levels';

/** Logging options as the environment gives them (the rest of AppLoggerOptions comes from the service). */
export type LoggingEnvOptions = Pick<AppLoggerOptions, 'level' | 'format' | 'cloudwatch'>;

/** Error reporting options as the environment gives them. */
export type ReportingEnvOptions = Pick<ErrorReporterOptions, 'rollbar'>;

/**
 * Logging options: LOG_LEVEL, LOG_FORMAT, and CloudWatch Logs on by default
 * towards the collector (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS for the real
 * service, with the AWS SDK's usual region and credential variables).
 */
export function readLoggingOptions(env: Env, service: string, startedAt = new Date()): LoggingEnvOptions {
  const level = env.LOG_LEVEL?.trim() || 'info';
  if (!isAppLogLevel(level))
    throw new ConfigError(`LOG_LEVEL must be one of ${APP_LOG_LEVELS.join(', ')}, got "${level}"`);
  const format = env.LOG_FORMAT?.trim() || 'auto';
  if (format !== 'json' && format !== 'pretty' && format !== 'auto')
    throw new ConfigError(`LOG_FORMAT must be json, pretty or auto, got "${format}"`);
  if (!readFlag(env, 'CLOUDWATCH_LOGS_ENABLED', true)) return { level, format };
  const endpoint = readHttpUrl(
    env,
    'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
    env.AWS_ENDPOINT_URL?.trim() || LOCAL_COLLECTOR,
  );
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  return {
    level,
    format,
    cloudwatch: {
      logGroupName: env.CLOUDWATCH_LOG_GROUP?.trim() || 'cruddur',
      logStreamName: `${service}/${hostname()}/${process.pid}-${stamp}`,
      endpoint,
      region: readAwsRegion(env),
      credentials: localCollectorCredentials(env, endpoint),
      uploadIntervalMs: readPositiveInt(env, 'CLOUDWATCH_UPLOAD_INTERVAL_MS', 1000),
      maxQueuedEvents: readPositiveInt(env, 'CLOUDWATCH_MAX_QUEUED_EVENTS', 10_000),
    },
  };
}

/**
 * Rollbar, as the original: on when ROLLBAR_ACCESS_TOKEN is set; endpoint the collector unless
 * ROLLBAR_ENDPOINT says otherwise. Items carry ROLLBAR_ENVIRONMENT, else `environment`: the
 * deployment environment readObservabilityOptions read, so items and log lines say the same.
 */
export function readReportingOptions(env: Env, codeRoot: string, environment: string): ReportingEnvOptions {
  const accessToken = env.ROLLBAR_ACCESS_TOKEN?.trim();
  if (!accessToken) return {};
  const collector = readHttpUrl(env, 'COLLECTOR_URL', LOCAL_COLLECTOR);
  return {
    rollbar: {
      accessToken,
      environment: env.ROLLBAR_ENVIRONMENT?.trim() || environment,
      endpoint: readHttpUrl(env, 'ROLLBAR_ENDPOINT', `${collector}/api/1/`).replace(/\/?$/, '/'),
      codeRoot,
      reportClientErrors: readFlag(env, 'ROLLBAR_REPORT_CLIENT_ERRORS', false),
      traceLinkBase: `${collector}/api/traces/`,
    },
  };
}
