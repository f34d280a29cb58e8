/** Injection tokens of the collector. */
export const COLLECTOR_CONFIG = Symbol('collector:config');
export const COLLECTOR_LIMITS = Symbol('collector:limits');
