/**
 * Nest's severities as winston levels (lower is more severe). winston's
 * default `npm` levels have no `fatal`, so nest-winston's `fatal()` would be
 * dropped; `http` and `silly` are kept so every method winston's typings
 * promise exists at run time.
 */
export const LOG_LEVELS = { fatal: 0, error: 1, warn: 2, info: 3, http: 4, debug: 5, verbose: 6, silly: 7 } as const;

/** The levels a logger can be set to, most severe first (Nest's names, `log` being `info`). */
export const APP_LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'verbose',
] as const satisfies readonly (keyof typeof LOG_LEVELS)[];

/** A level a logger can be set to. */
export type AppLogLevel = (typeof APP_LOG_LEVELS)[number];

/** Whether `name` is a level a logger can be set to (as LOG_LEVEL gives it). */
export function isAppLogLevel(name: string): name is AppLogLevel {
  return (APP_LOG_LEVELS as readonly string[]).includes(name);
}

/** Colours of the pretty format, per level (winston's colour names). */
export const LEVEL_COLORS: Record<keyof typeof LOG_LEVELS, string> = {
  fatal: 'bold white redBG',
  error: 'red',
  warn: 'yellow',
  info: 'green',
  http: 'green',
  debug: 'magenta',
  verbose: 'cyan',
  silly: 'grey',
};
