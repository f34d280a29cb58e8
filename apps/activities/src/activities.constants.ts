/** Injection tokens of the activities service. */
export const ACTIVITIES_CONFIG = Symbol('activities:config');
export const NOTIFICATIONS_CLIENT = Symbol('activities:notifications-client');
