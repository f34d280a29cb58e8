import { type Address, type Env, readFlag, readHost, readNonNegativeInt, readPort, readPositiveInt } from '@app/common';
import { ServicePort, readActivitiesUrl, readNotificationsTcpAddress } from '@app/contracts';
import { type FaultsConfig, readFaultsConfig } from '@app/platform';
import { type TraceLookupConfig, readTraceLookupConfig } from './trace-lookup/trace-lookup.config';

export interface GatewayConfig {
  /** Address the public HTTP server listens on. */
  host: string;
  port: number;
  /** Base URL of the activities service's HTTP API. */
  activitiesUrl: string;
  /** Where the notifications service's TCP server is. */
  notificationsTcp: Address;
  /** Timeout of every call to another service. */
  dependencyTimeoutMs: number;
  /** Largest JSON request body accepted, in bytes (413 above it). */
  bodyLimitBytes: number;
  /** Requests a client address may make per minute (429 beyond it); 0: no limit. */
  rateLimitPerMinute: number;
  shutdownTimeoutMs: number;
  /** The fault switches (all off unless GATEWAY_FAULT_* or FAULTS_SCHEDULE say otherwise). */
  faults: FaultsConfig;
  /** Serve the W3C Trace Context test service contract (`POST /test`). */
  traceContextTest: boolean;
  /** Serve `GET /api/traces/:traceId` (GATEWAY_TRACE_LOOKUP=1). */
  traceLookup: TraceLookupConfig | undefined;
}

export function loadGatewayConfig(env: Env): GatewayConfig {
  return {
    host: readHost(env, 'GATEWAY_HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', ServicePort.gateway),
    activitiesUrl: readActivitiesUrl(env),
    notificationsTcp: readNotificationsTcpAddress(env),
    dependencyTimeoutMs: readPositiveInt(env, 'DEPENDENCY_TIMEOUT_MS', 2000),
    bodyLimitBytes: readPositiveInt(env, 'GATEWAY_BODY_LIMIT_BYTES', 100 * 1024),
    // Generous: `npm run load -- --rate 50` from one address (3000 a minute) stays well under it.
    rateLimitPerMinute: readNonNegativeInt(env, 'GATEWAY_RATE_LIMIT_PER_MINUTE', 6000),
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    faults: readFaultsConfig(env, 'gateway', { tcpReplies: false, adminPort: 4571 }),
    traceContextTest: readFlag(env, 'TRACE_CONTEXT_TEST', false),
    traceLookup: readTraceLookupConfig(env),
  };
}
