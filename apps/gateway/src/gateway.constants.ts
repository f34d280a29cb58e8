/** Injection tokens of the gateway. */
export const ACTIVITIES_CLIENT = Symbol('gateway:activities-client');
export const NOTIFICATIONS_CLIENT = Symbol('gateway:notifications-client');
export const COLLECTOR_CLIENT = Symbol('gateway:collector-client');
export const TRACE_LOOKUP_CONFIG = Symbol('gateway:trace-lookup-config');
