import {
  type Address,
  type Env,
  readAddress,
  readHost,
  readHttpUrl,
  readPort,
  readPositiveInt,
} from '@app/common';

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
  shutdownTimeoutMs: number;
  /** Serve the W3C Trace Context test service contract (`POST /test`). */
  traceContextTest: boolean;
}

export function loadGatewayConfig(env: Env): GatewayConfig {
  return {
    host: readHost(env, 'GATEWAY_HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', 4567),
    activitiesUrl: readHttpUrl(
      env,
      'ACTIVITIES_URL',
      `http://127.0.0.1:${readPort(env, 'ACTIVITIES_HTTP_PORT', 4568)}`,
    ),
    notificationsTcp: readAddress(env, 'NOTIFICATIONS_TCP_ADDRESS', {
      host: '127.0.0.1',
      port: readPort(env, 'NOTIFICATIONS_TCP_PORT', 4570),
    }),
    dependencyTimeoutMs: readPositiveInt(env, 'DEPENDENCY_TIMEOUT_MS', 2000),
    bodyLimitBytes: readPositiveInt(env, 'GATEWAY_BODY_LIMIT_BYTES', 100 * 1024),
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    traceContextTest: env.TRACE_CONTEXT_TEST?.trim() === '1',
  };
}
