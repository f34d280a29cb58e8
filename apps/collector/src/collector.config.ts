import { type Env, readHost, readPort, readPositiveInt } from '@app/common';

export interface CollectorLimits {
  /** Most traces kept (X-Ray and OpenTelemetry views of one trace id count as one). */
  maxTraces: number;
  /** Most bytes of trace data kept (segment documents and spans, as JSON). */
  maxTraceBytes: number;
  /** Most log events kept, in each of the two log stores (CloudWatch events, OTLP records). */
  maxLogEvents: number;
  /** Most log bytes kept, in each of the two log stores. */
  maxLogBytes: number;
  /** Most Rollbar items kept. */
  maxErrorItems: number;
  /** Largest request body accepted, after decompression. */
  bodyLimitBytes: number;
}

export interface CollectorConfig {
  host: string;
  /** OTLP/HTTP, X-Ray API, CloudWatch Logs, Rollbar and the collector's own API. */
  httpPort: number;
  /** X-Ray daemon: segments over UDP, and the sampling proxy over TCP (HTTP), on the same port number. */
  xrayDaemonPort: number;
  limits: CollectorLimits;
  /** X-Ray sampling rules to load at start (CreateSamplingRule's input shape). */
  samplingRulesFile?: string;
  shutdownTimeoutMs: number;
  /** Interval of the comment lines that keep `GET /api/live` streams open when nothing happens. */
  liveHeartbeatMs: number;
}

const MIB = 1024 * 1024;

export function loadCollectorConfig(env: Env): CollectorConfig {
  return {
    host: readHost(env, 'COLLECTOR_HOST', '127.0.0.1'),
    httpPort: readPort(env, 'COLLECTOR_HTTP_PORT', 4318),
    xrayDaemonPort: readPort(env, 'COLLECTOR_XRAY_DAEMON_PORT', 2000),
    limits: {
      maxTraces: readPositiveInt(env, 'COLLECTOR_MAX_TRACES', 10_000),
      maxTraceBytes: readPositiveInt(env, 'COLLECTOR_MAX_TRACE_BYTES', 256 * MIB),
      maxLogEvents: readPositiveInt(env, 'COLLECTOR_MAX_LOG_EVENTS', 100_000),
      maxLogBytes: readPositiveInt(env, 'COLLECTOR_MAX_LOG_BYTES', 64 * MIB),
      maxErrorItems: readPositiveInt(env, 'COLLECTOR_MAX_ERROR_ITEMS', 10_000),
      bodyLimitBytes: readPositiveInt(env, 'COLLECTOR_BODY_LIMIT_BYTES', 16 * MIB),
    },
    samplingRulesFile: env.COLLECTOR_SAMPLING_RULES_FILE?.trim() || undefined,
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    liveHeartbeatMs: readPositiveInt(env, 'COLLECTOR_LIVE_HEARTBEAT_MS', 15_000),
  };
}
