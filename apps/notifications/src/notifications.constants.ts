/** Injection tokens of the notifications service. */
export const NOTIFICATIONS_CONFIG = Symbol('notifications:config');
export const ACTIVITIES_HTTP_CLIENT = Symbol('notifications:activities-http-client');
export const ACTIVITIES_TCP_CLIENT = Symbol('notifications:activities-tcp-client');
