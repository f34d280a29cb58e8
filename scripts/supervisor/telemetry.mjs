// Where the services' telemetry goes, for the banner: the same variables and defaults
// as libs/observability/src/observability-options.reader.ts (spans, segments) and
// reporting-options.reader.ts (logs, error reports). "off" where the apps send nothing.
import { readAddress, readFlag, readHttpUrl } from './env.mjs';

/** Defaults of the apps: the suite's collector on its default ports. */
const LOCAL_COLLECTOR = 'http://127.0.0.1:4318';
const LOCAL_DAEMON = '127.0.0.1:2000';

/**
 * `[{ what, where }]`: OTLP endpoint, X-Ray daemon, CloudWatch Logs endpoint, Rollbar endpoint.
 * An unusable value shows as given; the services refuse it at start with their own message.
 */
export function telemetryDestinations(env) {
  const tracing = env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true';
  const xray = tracing && env.AWS_XRAY_SDK_ENABLED?.trim().toLowerCase() !== 'false';
  const otlp = readHttpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', LOCAL_COLLECTOR) ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const cloudwatch = readFlag(env, 'CLOUDWATCH_LOGS_ENABLED', true)
    ? (readHttpUrl(env, 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS', env.AWS_ENDPOINT_URL?.trim() || LOCAL_COLLECTOR) ??
      env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS)
    : undefined;
  // As the original app: Rollbar is on when a token is set (npm start sets a local one).
  const collector = readHttpUrl(env, 'COLLECTOR_URL', LOCAL_COLLECTOR) ?? LOCAL_COLLECTOR;
  const rollbar = env.ROLLBAR_ACCESS_TOKEN?.trim()
    ? (readHttpUrl(env, 'ROLLBAR_ENDPOINT', `${collector}/api/1/`) ?? env.ROLLBAR_ENDPOINT).replace(/\/?$/, '/')
    : undefined;
  const daemon = xray ? readAddress(env, 'AWS_XRAY_DAEMON_ADDRESS', LOCAL_DAEMON) : undefined;
  return [
    { what: 'spans (OTLP/HTTP)', where: tracing ? otlp : undefined },
    { what: 'segments (X-Ray daemon, UDP)', where: daemon },
    { what: 'logs (CloudWatch Logs)', where: cloudwatch },
    { what: 'errors (Rollbar)', where: rollbar },
  ].map(({ what, where }) => ({ what, where: where ?? 'off' }));
}
