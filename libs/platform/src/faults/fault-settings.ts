import { ConfigError } from '@app/common';

/** Milliseconds drawn uniformly between min and max (equal for a fixed value). */
export interface Spread {
  min: number;
  max: number;
}

/** What a service injects into its handler calls; all off by default. */
export interface FaultSettings {
  /** Added before every handler call. */
  latencyMs?: Spread;
  /** Share of handler calls (0 to 1) that fail with a 500. */
  errorRate: number;
  /** Share of TCP requests (0 to 1) whose reply is never sent. */
  dropReplyRate: number;
  /** Busy work (the event loop blocked) before every handler call. */
  cpuMs?: Spread;
}

export const NO_FAULTS: FaultSettings = { errorRate: 0, dropReplyRate: 0 };

/**
 * The settings' names: the suffix of the environment variable
 * (`ACTIVITIES_FAULT_LATENCY_MS`) and, lower-cased, the field of the admin
 * endpoint's JSON (`latency_ms`). One table, so the two cannot drift apart.
 */
export const FaultField = {
  latencyMs: 'LATENCY_MS',
  errorRate: 'ERROR_RATE',
  dropReplyRate: 'DROP_REPLY_RATE',
  cpuMs: 'CPU_MS',
} as const satisfies Record<keyof FaultSettings, string>;

export type FaultKey = keyof typeof FaultField;

/** The longest latency or busy work one call may get: a minute, far past every caller's timeout. */
export const MAX_FAULT_MS = 60_000;

/**
 * `200` or `100-400` (milliseconds, whole numbers up to a minute); `0` means off.
 * `where` names the variable or field in the error message.
 */
export function parseSpread(value: string | number, where: string): Spread | undefined {
  const text = String(value).trim();
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  const min = match ? Number(match[1]) : NaN;
  const max = match?.[2] !== undefined ? Number(match[2]) : min;
  if (!match || max > MAX_FAULT_MS || min > max) {
    throw new ConfigError(
      `${where} must be milliseconds, a whole number or a spread min-max (such as 100-400), at most ${MAX_FAULT_MS}, got "${text}"`,
    );
  }
  return max === 0 ? undefined : { min, max };
}

/** A share between 0 and 1 (`0.25`). */
export function parseRate(value: string | number, where: string): number {
  const text = String(value).trim();
  const rate = /^(?:0|1|0?\.\d+|1\.0*|0\.0*)$/.test(text) ? Number(text) : NaN;
  if (!(rate >= 0 && rate <= 1)) throw new ConfigError(`${where} must be a number from 0 to 1, got "${text}"`);
  return rate;
}

/** The spread as it is written (`200`, `100-400`), for the admin endpoint and log lines. */
export function formatSpread(spread: Spread | undefined): string | null {
  if (!spread) return null;
  return spread.min === spread.max ? String(spread.min) : `${spread.min}-${spread.max}`;
}

/** One line for a log: `latency 100-400 ms, error rate 0.5`, or `none`. */
export function describeFaults(settings: FaultSettings): string {
  const parts = [
    settings.latencyMs && `latency ${formatSpread(settings.latencyMs)} ms`,
    settings.errorRate > 0 && `error rate ${settings.errorRate}`,
    settings.dropReplyRate > 0 && `drop-reply rate ${settings.dropReplyRate}`,
    settings.cpuMs && `cpu ${formatSpread(settings.cpuMs)} ms`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function isFaultFree(settings: FaultSettings): boolean {
  return !settings.latencyMs && !settings.cpuMs && settings.errorRate === 0 && settings.dropReplyRate === 0;
}
