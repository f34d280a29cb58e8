/** Injection tokens of the collector. */
export const COLLECTOR_CONFIG = Symbol('collector:config');
export const COLLECTOR_LIMITS = Symbol('collector:limits');

/** Least time between two warnings about refused input of one kind: a flood of bad input cannot flood the log. */
export const REFUSED_INPUT_WARNING_INTERVAL_MS = 1000;
