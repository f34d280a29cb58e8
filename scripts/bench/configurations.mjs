// The configurations the benchmark compares: the environment each suite's apps get (on top of
// the ports the suite picks), and how to describe it in BENCHMARKS.md. Pure.
import path from 'node:path';
import { appDefaults } from '../app-env.mjs';
import { ROOT } from '../services.mjs';

export const CONFIG_NAMES = ['off', 'on', 'rule', 'otel', 'xray', 'peer', 'default'];

export const PEER_PRELOAD = path.join(ROOT, 'scripts', 'bench', 'peer', 'preload.cjs');

/** In every configuration: what would otherwise make the runs measure something else. */
export const COMMON_ENV = {
  // autocannon from one address sends thousands a second: the rate limit would answer most of them 429.
  GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
  // The feed lists every activity, and the posts of a run would grow it run after run (the store
  // keeps 10,000): bounded at the seed's size, the feed is the same in every run and configuration.
  // Each post then evicts the oldest activity, with the store's warning line (in every configuration).
  ACTIVITIES_STORE_MAX_ITEMS: '5',
  NO_COLOR: '1',
};

/** Logging the same in every configuration but `default`, and not what is measured: warnings, console only. */
const QUIET_LOGS = { LOG_LEVEL: 'warn', CLOUDWATCH_LOGS_ENABLED: 'false', ROLLBAR_ACCESS_TOKEN: '' };

const ALL_SAMPLED = { OTEL_TRACES_SAMPLER: 'parentbased_always_on' };

/** One line per configuration, for the table's legend. */
export const DESCRIPTIONS = {
  off: 'tracing off (OTEL_SDK_DISABLED=true, AWS_XRAY_SDK_ENABLED=false); logs: warn, console only',
  on: 'this library, everything sampled: spans over OTLP and X-Ray segments over UDP, both to the collector',
  rule: "this library, the original's X-Ray rule (aws/json/xray.json: 5 a second + 10 %) from a rule file",
  otel: 'this library, OpenTelemetry only (AWS_XRAY_MODE=off), everything sampled',
  xray: 'this library, X-Ray only (OTEL_TRACES_EXPORTER=none), everything sampled',
  peer: "the library's tracing off, plus what a user would set up without it (scripts/bench/peer/preload.cjs): NodeSDK with getNodeAutoInstrumentations() defaults and OTLP http/protobuf, and aws-xray-sdk-core in automatic mode with captureHTTPsGlobal and aws-xray-sdk-express's openSegment: two unrelated traces per request",
  default:
    "what npm start runs (scripts/app-env.mjs's defaults): logs at the default level shipped to the collector's CloudWatch Logs API, access lines, Rollbar to the collector, everything sampled",
};

/**
 * The environment of configuration `name`'s apps (ports excluded) and the node flags to start them with.
 * @param {string} name one of CONFIG_NAMES
 * @param {{ collectorUrl: string, daemonAddress: string, onEnv?: Record<string, string>, base?: Record<string, string | undefined> }} where
 */
export function configurationEnv(name, { collectorUrl, daemonAddress, onEnv = {}, base = {} }) {
  // Every destination at the benchmark's collector, not at the default ports (where npm start's may run).
  const destinations = {
    OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
    AWS_XRAY_DAEMON_ADDRESS: daemonAddress,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: collectorUrl,
    COLLECTOR_URL: collectorUrl,
  };
  const traced = { ...destinations, ...QUIET_LOGS };
  switch (name) {
    case 'off':
      return { env: { ...COMMON_ENV, ...QUIET_LOGS, OTEL_SDK_DISABLED: 'true', AWS_XRAY_SDK_ENABLED: 'false' } };
    case 'on':
      return { env: { ...COMMON_ENV, ...traced, ...ALL_SAMPLED, ...onEnv } };
    case 'rule':
      return {
        env: {
          ...COMMON_ENV,
          ...traced,
          OTEL_TRACES_SAMPLER: 'xray_file',
          OTEL_TRACES_SAMPLER_ARG: path.join(ROOT, 'aws', 'json', 'xray.json'),
          ...onEnv,
        },
      };
    case 'otel':
      return { env: { ...COMMON_ENV, ...traced, ...ALL_SAMPLED, AWS_XRAY_MODE: 'off', ...onEnv } };
    case 'xray':
      return { env: { ...COMMON_ENV, ...traced, ...ALL_SAMPLED, OTEL_TRACES_EXPORTER: 'none', ...onEnv } };
    case 'peer':
      return {
        env: {
          ...COMMON_ENV,
          ...QUIET_LOGS,
          ...destinations,
          // The library's tracing off; the preload starts the peer's SDKs with this unset, then puts it back.
          OTEL_SDK_DISABLED: 'true',
          // What a user sets so that aws-xray-sdk-core does not log "context missing" for work outside a request.
          AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
          // The collector takes no OTLP metrics or logs: without these, NodeSDK would push to 404s.
          OTEL_METRICS_EXPORTER: 'none',
          OTEL_LOGS_EXPORTER: 'none',
          ...onEnv,
        },
        execArgv: ['--require', PEER_PRELOAD],
      };
    case 'default': {
      const env = { ...COMMON_ENV, ...destinations, ...onEnv };
      return { env: { ...env, ...appDefaults({ ...base, ...env }, { terminal: false }) } };
    }
    default:
      throw new Error(`unknown configuration ${name}`);
  }
}
