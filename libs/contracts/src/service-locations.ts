import { type Address, type Env, readAddress, readHttpUrl, readPort } from '@app/common';

/**
 * Where each service of the suite listens and where its callers find it: one
 * reading of the same variables for the service and for every caller, so that
 * moving a port moves both (defaults: loopback, the README's ports).
 */
export const ServicePort = {
  gateway: 4567,
  activitiesHttp: 4568,
  activitiesTcp: 4569,
  notificationsTcp: 4570,
} as const;

/** ACTIVITIES_HTTP_PORT: the port of the activities service's HTTP API. */
export function readActivitiesHttpPort(env: Env): number {
  return readPort(env, 'ACTIVITIES_HTTP_PORT', ServicePort.activitiesHttp);
}

/** ACTIVITIES_TCP_PORT: the port of the activities service's TCP handlers. */
export function readActivitiesTcpPort(env: Env): number {
  return readPort(env, 'ACTIVITIES_TCP_PORT', ServicePort.activitiesTcp);
}

/** NOTIFICATIONS_TCP_PORT: the port of the notifications service's TCP handlers. */
export function readNotificationsTcpPort(env: Env): number {
  return readPort(env, 'NOTIFICATIONS_TCP_PORT', ServicePort.notificationsTcp);
}

/** ACTIVITIES_URL: the activities HTTP API as callers reach it (default: loopback, its port). */
export function readActivitiesUrl(env: Env): string {
  return readHttpUrl(env, 'ACTIVITIES_URL', `http://127.0.0.1:${readActivitiesHttpPort(env)}`);
}

/** ACTIVITIES_TCP_ADDRESS: the activities TCP handlers as callers reach them. */
export function readActivitiesTcpAddress(env: Env): Address {
  return readAddress(env, 'ACTIVITIES_TCP_ADDRESS', { host: '127.0.0.1', port: readActivitiesTcpPort(env) });
}

/** NOTIFICATIONS_TCP_ADDRESS: the notifications TCP handlers as callers reach them. */
export function readNotificationsTcpAddress(env: Env): Address {
  return readAddress(env, 'NOTIFICATIONS_TCP_ADDRESS', { host: '127.0.0.1', port: readNotificationsTcpPort(env) });
}
