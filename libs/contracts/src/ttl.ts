const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Lifetimes an activity can be created with, as the original app offered them. */
export const TTL_DURATIONS_MS = {
  '30-days': 30 * DAY_MS,
  '7-days': 7 * DAY_MS,
  '3-days': 3 * DAY_MS,
  '1-day': DAY_MS,
  '12-hours': 12 * HOUR_MS,
  '3-hours': 3 * HOUR_MS,
  '1-hour': HOUR_MS,
} as const;

export type Ttl = keyof typeof TTL_DURATIONS_MS;

export const TTL_VALUES = Object.keys(TTL_DURATIONS_MS) as Ttl[];
