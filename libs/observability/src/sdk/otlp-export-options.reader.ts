import { ConfigError, type Env, readChoice, readHttpUrl, readPositiveInt } from '@app/common';
import type { OtlpExportOptions } from '../observability.options';
import { LOCAL_COLLECTOR } from '../local-aws-credentials';

const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
const COMPRESSIONS = ['gzip', 'none'] as const;

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
      headers[key.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError(`${name}: the value of "${key}" is not valid percent-encoding`);
    }
  }
  return headers;
}

/** The traces-specific variable when set, else the generic one (the OTLP exporter specification's precedence). */
function pick(env: Env, suffix: string): string {
  const specific = `OTEL_EXPORTER_OTLP_TRACES_${suffix}`;
  return env[specific]?.trim() ? specific : `OTEL_EXPORTER_OTLP_${suffix}`;
}

/**
 * The OTLP trace export as the OTEL_EXPORTER_OTLP_[TRACES_]* variables describe it, read once and
 * checked (a bad value is a ConfigError naming the variable): the exporters are then built from
 * these options alone. The signal-specific endpoint is used as it is; the generic one gets
 * `/v1/traces` (over HTTP; gRPC has no path). Headers of both are merged, the specific ones winning.
 */
export function readOtlpExportOptions(env: Env): OtlpExportOptions {
  const protocolVariable = pick(env, 'PROTOCOL');
  const protocol = readChoice(env, protocolVariable, PROTOCOLS, 'http/protobuf');
  const grpc = protocol === 'grpc';
  const specificEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = readHttpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', grpc ? 'http://127.0.0.1:4317' : LOCAL_COLLECTOR);
  const url = specificEndpoint
    ? readHttpUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specificEndpoint)
    : grpc
      ? base
      : `${base}/v1/traces`;
  return {
    url,
    headers: {
      ...readHeaders(env, 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...readHeaders(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    },
    protocol,
    timeoutMs: readPositiveInt(env, pick(env, 'TIMEOUT'), 10_000),
    compression: readChoice(env, pick(env, 'COMPRESSION'), COMPRESSIONS, 'none'),
    scheduledDelayMs: readPositiveInt(env, 'OTEL_BSP_SCHEDULE_DELAY', 200),
    batchExportTimeoutMs: readPositiveInt(env, 'OTEL_BSP_EXPORT_TIMEOUT', 5000),
    maxQueueSize: readPositiveInt(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 2048),
  };
}
