/** What the Rollbar stand-in accepts and keeps. */
export const ROLLBAR = {
  /** The body kinds of an item; an item has exactly one. */
  bodyKinds: ['trace', 'trace_chain', 'message', 'crash_report'] as const,
  levels: ['critical', 'error', 'warning', 'info', 'debug'] as const,
  /** Largest item accepted (the rollbar client truncates its items to 512 KiB). */
  maxItemBytes: 1024 * 1024,
  /** Most bytes of items kept (as received), besides COLLECTOR_MAX_ERROR_ITEMS: the oldest go first. */
  maxStoredBytes: 64 * 1024 * 1024,
  /** Longest title, environment (as Rollbar documents them) and uuid. */
  maxTitleLength: 255,
  maxEnvironmentLength: 255,
  maxUuidLength: 36,
  /** `GET /api/errors`: default and largest `limit`. */
  defaultListLimit: 100,
  maxListLimit: 1000,
} as const;

export type RollbarLevel = (typeof ROLLBAR.levels)[number];
