import { type Address, type Env, readFlag, readHost, readPositiveInt } from '@app/common';
import { readActivitiesTcpAddress, readActivitiesUrl, readNotificationsTcpPort } from '@app/contracts';
import { type FaultsConfig, readFaultsConfig } from '@app/platform';

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
  /** The fault switches (all off unless NOTIFICATIONS_FAULT_* or FAULTS_SCHEDULE say otherwise). */
  faults: FaultsConfig;
  /** Handle the W3C Trace Context test service's forwards (`trace-context.forward`), as the gateway's `POST /test` needs. */
  traceContextTest: boolean;
}

export function loadNotificationsConfig(env: Env): NotificationsConfig {
  return {
    host: readHost(env, 'NOTIFICATIONS_HOST', '127.0.0.1'),
    tcpPort: readNotificationsTcpPort(env),
    activitiesUrl: readActivitiesUrl(env),
    activitiesTcp: readActivitiesTcpAddress(env),
    dependencyTimeoutMs: readPositiveInt(env, 'DEPENDENCY_TIMEOUT_MS', 2000),
    storeMaxItems: readPositiveInt(env, 'NOTIFICATIONS_STORE_MAX_ITEMS', 10_000),
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    faults: readFaultsConfig(env, 'notifications', { tcpReplies: true, adminPort: 4573 }),
    traceContextTest: readFlag(env, 'TRACE_CONTEXT_TEST', false),
  };
}
