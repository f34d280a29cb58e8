import { createRequire } from 'node:module';
import { ConfigError, type Env, readList } from '@app/common';
import type { PropagatorName, SdkOptions, TraceExporterName } from '../observability.options';

const PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage', 'xray'];
const TRACE_EXPORTERS: readonly TraceExporterName[] = ['otlp', 'console'];
/** auto-instrumentations-node's names for OTEL_NODE_RESOURCE_DETECTORS. */
const RESOURCE_DETECTORS = [
  'env',
  'host',
  'os',
  'process',
  'serviceinstance',
  'container',
  'aws',
  'gcp',
  'azure',
  'alibaba',
];
const SIGNAL_EXPORTERS = ['otlp', 'console', 'prometheus', 'none'];

/** A list of words from a fixed set, with `none` meaning the empty list. */
function readNames<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T[]): T[] {
  const names = readList(env, name);
  if (names === undefined) return fallback;
  if (names.length === 1 && names[0] === 'none') return [];
  const unknown = names.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0) {
    throw new ConfigError(`${name} may list ${allowed.join(', ')} (or be none), got "${unknown.join(', ')}"`);
  }
  return names as T[];
}

/** Every name must be one of auto-instrumentations-node's (each is the package `@opentelemetry/instrumentation-<name>`). */
function readInstrumentations(env: Env, name: string, fallback: string[]): string[] {
  const names = readList(env, name) ?? fallback;
  const resolve = createRequire(require.resolve('@opentelemetry/auto-instrumentations-node')).resolve;
  for (const item of names) {
    try {
      resolve(`@opentelemetry/instrumentation-${item}`);
    } catch {
      throw new ConfigError(
        `${name}: no instrumentation "${item}" (names are those of auto-instrumentations-node, such as http, express, undici)`,
      );
    }
  }
  return names;
}

/**
 * The OTEL_* variables of the SDK around the tracer, read once and checked. Defaults differ from
 * the SDK's on purpose: only incoming HTTP is instrumented (libs/observability/README.md says why,
 * per instrumentation), resources come from env, host and process (the cloud detectors probe
 * metadata endpoints at every start), and no metrics or logs are pushed: nobody receives them here.
 */
export function readSdkOptions(env: Env): SdkOptions {
  const metrics = readList(env, 'OTEL_METRICS_EXPORTER') ?? ['none'];
  const logs = readList(env, 'OTEL_LOGS_EXPORTER') ?? ['none'];
  for (const [name, list] of [
    ['OTEL_METRICS_EXPORTER', metrics],
    ['OTEL_LOGS_EXPORTER', logs],
  ] as const) {
    const unknown = list.filter((item) => !SIGNAL_EXPORTERS.includes(item));
    if (unknown.length > 0)
      throw new ConfigError(`${name} may list otlp, console, prometheus or none, got "${unknown.join(', ')}"`);
  }
  const detectors = readList(env, 'OTEL_NODE_RESOURCE_DETECTORS') ?? ['env', 'host', 'process'];
  const unknownDetectors = detectors.filter(
    (item) => item !== 'all' && item !== 'none' && !RESOURCE_DETECTORS.includes(item),
  );
  if (unknownDetectors.length > 0) {
    throw new ConfigError(
      `OTEL_NODE_RESOURCE_DETECTORS may list ${RESOURCE_DETECTORS.join(', ')}, all or none, got "${unknownDetectors.join(', ')}"`,
    );
  }
  return {
    traceExporters: readNames(env, 'OTEL_TRACES_EXPORTER', TRACE_EXPORTERS, ['otlp']),
    propagators: readNames(env, 'OTEL_PROPAGATORS', PROPAGATORS, ['tracecontext', 'baggage', 'xray']),
    enabledInstrumentations: readInstrumentations(env, 'OTEL_NODE_ENABLED_INSTRUMENTATIONS', ['http']),
    disabledInstrumentations: readInstrumentations(env, 'OTEL_NODE_DISABLED_INSTRUMENTATIONS', []),
    resourceDetectors: detectors,
    metricsExporters: metrics,
    logsExporters: logs,
  };
}
