import { ConfigError, type Env, readAddress, readFlag, readHttpUrl, readPositiveInt } from '@app/common';
import type { ObservabilityOptions, SamplingOptions } from './observability.options';

/** Default endpoints: the suite's collector. */
const LOCAL_OTLP = 'http://127.0.0.1:4318';
const LOCAL_DAEMON = { host: '127.0.0.1', port: 2000 };

/** `key=value,key2=value2`, values percent-decoded (OTEL_EXPORTER_OTLP_HEADERS). */
function readHeaders(env: Env, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (env[name] ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key))
      throw new ConfigError(`${name} must be key=value pairs separated by commas`);
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError(`${name}: the value of "${key}" is not valid percent-encoding`);
    }
  }
  return headers;
}

function readSampling(env: Env): SamplingOptions {
  const sampler = env.OTEL_TRACES_SAMPLER?.trim() || 'parentbased_always_on';
  switch (sampler) {
    case 'parentbased_always_on':
    case 'always_on':
      return { mode: 'always' };
    case 'parentbased_always_off':
    case 'always_off':
      return { mode: 'never' };
    case 'xray':
      return { mode: 'xray-remote' };
    case 'xray_file':
      return { mode: 'xray-file', file: env.OTEL_TRACES_SAMPLER_ARG?.trim() || 'aws/json/xray.json' };
    default:
      throw new ConfigError(
        `OTEL_TRACES_SAMPLER must be parentbased_always_on, parentbased_always_off, xray or xray_file, got "${sampler}"`,
      );
  }
}

/**
 * The library's options from an environment (each app passes `process.env`):
 * the ecosystem's own variable names, defaults pointing at the local collector.
 * `publicEdge` (the gateway) makes DISTRUST_INCOMING_TRACE_CONTEXT count: the
 * internal services always trust their callers, which are the suite's own.
 */
export function readObservabilityOptions(
  env: Env,
  defaults: { serviceName: string; serviceVersion: string; publicEdge?: boolean },
): ObservabilityOptions {
  const protocol = env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim() || 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json, got "${protocol}"`);
  }
  const daemon = readAddress(env, 'AWS_XRAY_DAEMON_ADDRESS', LOCAL_DAEMON);
  return {
    enabled: env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true',
    serviceName: env.OTEL_SERVICE_NAME?.trim() || defaults.serviceName,
    serviceVersion: defaults.serviceVersion,
    environment: env.DEPLOYMENT_ENVIRONMENT?.trim() || 'local',
    otlp: {
      endpoint: readHttpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', LOCAL_OTLP),
      headers: readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
      protocol,
      scheduledDelayMs: readPositiveInt(env, 'OTEL_BSP_SCHEDULE_DELAY', 200),
      maxQueueSize: readPositiveInt(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 2048),
    },
    xray: {
      enabled: env.AWS_XRAY_SDK_ENABLED?.trim().toLowerCase() !== 'false',
      daemonAddress: `${daemon.host}:${daemon.port}`,
      dynamicNamingPattern: env.AWS_XRAY_URL?.trim() || undefined,
    },
    sampling: readSampling(env),
    distrustIncomingTraceContext: defaults.publicEdge ? readFlag(env, 'DISTRUST_INCOMING_TRACE_CONTEXT', false) : false,
  };
}
