import { type Address, type Env, readHost, readPositiveInt } from '@app/common';
import { readActivitiesHttpPort, readActivitiesTcpPort, readNotificationsTcpAddress } from '@app/contracts';
import { type FaultsConfig, readFaultsConfig } from '@app/platform';

export interface ActivitiesConfig {
  /** Address the HTTP and TCP servers listen on. */
  host: string;
  httpPort: number;
  tcpPort: number;
  /** Where the notifications service's TCP server is. */
  notifications: Address;
  /** Timeout of every call to another service. */
  dependencyTimeoutMs: number;
  /** Most activities and replies kept; when full, the oldest activity goes first. */
  storeMaxItems: number;
  shutdownTimeoutMs: number;
  /** The fault switches (all off unless ACTIVITIES_FAULT_* or FAULTS_SCHEDULE say otherwise). */
  faults: FaultsConfig;
}

export function loadActivitiesConfig(env: Env): ActivitiesConfig {
  return {
    host: readHost(env, 'ACTIVITIES_HOST', '127.0.0.1'),
    httpPort: readActivitiesHttpPort(env),
    tcpPort: readActivitiesTcpPort(env),
    notifications: readNotificationsTcpAddress(env),
    dependencyTimeoutMs: readPositiveInt(env, 'DEPENDENCY_TIMEOUT_MS', 2000),
    storeMaxItems: readPositiveInt(env, 'ACTIVITIES_STORE_MAX_ITEMS', 10_000),
    shutdownTimeoutMs: readPositiveInt(env, 'SHUTDOWN_TIMEOUT_MS', 8000),
    faults: readFaultsConfig(env, 'activities', { tcpReplies: true, adminPort: 4572 }),
  };
}
