import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const CONFIGS = path.resolve(__dirname, '..', '..', 'deploy', 'otel-collector');

/** An OpenTelemetry Collector config, as far as the tests read it. */
export interface OtelConfig {
  extensions?: Record<string, unknown>;
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, unknown>;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }>;
  };
}

/** A config file of deploy/otel-collector/, parsed. */
export function readOtelConfig(file: string): OtelConfig {
  return parse(readFileSync(path.join(CONFIGS, file), 'utf8')) as OtelConfig;
}

/** The Collector's merge of several --config files: maps merged key by key, anything else replaced. */
export function mergeOtelConfigs(base: unknown, overlay: unknown): unknown {
  const isMap = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isMap(base) || !isMap(overlay)) return overlay;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay))
    merged[key] = key in base ? mergeOtelConfigs(base[key], value) : value;
  return merged;
}

/** One line per component a pipeline names but the config does not define. */
export function undefinedComponents(config: OtelConfig): string[] {
  const problems: string[] = [];
  for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      for (const component of pipeline[kind] ?? []) {
        if (!(component in (config[kind] ?? {}))) problems.push(`pipeline ${name}: no ${kind} "${component}"`);
      }
    }
  }
  return problems;
}

/** The component's type: `otlp_http/xray` is an `otlp_http`. */
const typeOf = (id: string) => id.split('/')[0];

/**
 * What the Collector needs to sign an exporter's requests with SigV4 for `service` in `region`,
 * one line per problem: the exporter names an authenticator, the authenticator is a defined
 * `sigv4auth` extension with that service and region, and the service runs it (an extension
 * that `service.extensions` does not list is never started, and the exporter fails at start).
 */
export function sigv4Problems(config: OtelConfig, exporter: string, signing: { service: string; region: string }) {
  const problems: string[] = [];
  const auth = (config.exporters[exporter] as { auth?: { authenticator?: string } } | undefined)?.auth;
  const authenticator = auth?.authenticator;
  if (!authenticator) return [`exporter ${exporter}: no auth.authenticator`];
  const extension = config.extensions?.[authenticator] as { service?: string; region?: string } | undefined;
  if (!extension) problems.push(`exporter ${exporter}: authenticator "${authenticator}" is not an extension`);
  else {
    if (typeOf(authenticator) !== 'sigv4auth') problems.push(`extension ${authenticator} is not a sigv4auth`);
    if (extension.service !== signing.service)
      problems.push(`extension ${authenticator} signs for "${String(extension.service)}", not "${signing.service}"`);
    if (extension.region !== signing.region)
      problems.push(`extension ${authenticator} signs in "${String(extension.region)}", not "${signing.region}"`);
  }
  if (!(config.service.extensions ?? []).includes(authenticator))
    problems.push(`service.extensions does not run ${authenticator}`);
  return problems;
}
