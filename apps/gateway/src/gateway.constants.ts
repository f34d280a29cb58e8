/** Injection tokens of the gateway. */
export const ACTIVITIES_CLIENT = Symbol('gateway:activities-client');
export const NOTIFICATIONS_CLIENT = Symbol('gateway:notifications-client');
