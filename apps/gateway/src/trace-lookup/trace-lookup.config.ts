import { type Env, readAwsRegion, readFlag, readHttpUrl } from '@app/common';

/** Where the suite's collector is when nothing else says so (as the apps' telemetry defaults). */
const LOCAL_COLLECTOR = 'http://127.0.0.1:4318';

/** `GET /api/traces/:traceId` on the gateway, on with GATEWAY_TRACE_LOOKUP=1. */
export interface TraceLookupConfig {
  /** The collector as the gateway reaches it (COLLECTOR_URL): where the summary comes from. */
  collectorUrl: string;
  /** The collector as the API client reaches it (GATEWAY_TRACE_EXPLORER_URL, default COLLECTOR_URL): the links' base. */
  explorerUrl: string;
  /** Whether the spans go to that collector (OTEL_EXPORTER_OTLP_ENDPOINT): else only links to where they go. */
  collectorIsDestination: boolean;
  /** For the links to AWS's X-Ray console when the spans go elsewhere. */
  region: string;
}

export function readTraceLookupConfig(env: Env): TraceLookupConfig | undefined {
  if (!readFlag(env, 'GATEWAY_TRACE_LOOKUP', false)) return undefined;
  const collectorUrl = readHttpUrl(env, 'COLLECTOR_URL', LOCAL_COLLECTOR);
  const otlp = readHttpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', LOCAL_COLLECTOR);
  return {
    collectorUrl,
    explorerUrl: readHttpUrl(env, 'GATEWAY_TRACE_EXPLORER_URL', collectorUrl),
    collectorIsDestination: new URL(otlp).origin === new URL(collectorUrl).origin,
    region: readAwsRegion(env),
  };
}
