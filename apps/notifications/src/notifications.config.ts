import {
  type Address,
  type Env,
  readAddress,
  readHost,
  readHttpUrl,
  readPort,
  readPositiveInt,
} from '@app/platform';

export interface NotificationsConfig {
  /** Address the TCP server listens on. */
  host: string;
  tcpPort: number;
  /** Base URL of the activities service's HTTP API. */
  activitiesUrl: string;
  /** Where the activities service's TCP server is. */
  activitiesTcp: Address;
  /** Timeout of every call to another service. */
  dependencyTimeoutMs: number;
  /** Most notifications kept; when full, the oldest go first. */
  storeMaxItems: number;
  shutdownTimeoutMs: number;
  /** Handle the W3C Trace Context test service's forwards (`trace-context.forward`), as the gateway's `POST /test` needs. */
  traceContextTest: boolean;
}

export function loadNotificationsConfig(env: Env): NotificationsConfig {
  return {
    host: readHost(env, 'NOTIFICATIONS_HOST', '127.0.0.1'),
    tcpPort: readPort(env, 'NOTIFICATIONS_TCP_PORT', 4570),
    activitiesUrl: readHttpUrl(
      env,
      'ACTIVITIES_URL',
      `http://127.0.0.1:${readPort(env, 'ACTIVITIES_HTTP_PORT', 4568)}`,
    ),
    activitiesTcp: readAddress(env, 'ACTIVITIES_TCP_ADDRESS', {
      host: '127.0.0.1',
      port: readPort(env, 'ACTIVITIES_TCP_PORT', 4569),
    }),
    dependencyTimeoutMs: readPositiveInt(env, 'DEPENDENCY_TIMEOUT_MS', 2000),
    storeMaxItems: readPositiveInt(env, 'NOTIFICATIONS_STORE_MAX_ITEMS', 10_000),
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    traceContextTest: env.TRACE_CONTEXT_TEST?.trim() === '1',
  };
}
