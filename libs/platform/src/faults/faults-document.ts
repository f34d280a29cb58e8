import { ConfigError } from '@app/common';
import type { InjectedFaultKind } from '@app/observability';
import { type FaultKey, type FaultSettings, FaultField, formatSpread, parseRate, parseSpread } from './fault-settings';
import type { FaultSwitches } from './fault-switches';
import type { ScheduleStatus } from './random-fault.schedule';

/** Settings as the admin endpoint writes them: spreads as text (`"100-400"`), off as null or 0. */
export type FaultsJson = Partial<Record<string, string | number | null>>;

/** What `GET /faults` answers. */
export interface FaultsDocument {
  service: string;
  /** What handler calls get now. */
  faults: FaultsJson;
  /** Set at start by the environment, then by `PUT /faults`. */
  configured: FaultsJson;
  schedule: { mode: 'off' } | { mode: 'random'; seed: number; current: FaultsJson; next_change_at: string | null };
  injected: Record<InjectedFaultKind, number>;
}

/** `latencyMs` → `latency_ms`: the environment variable's suffix, lower-cased. */
const jsonName = (key: FaultKey) => FaultField[key].toLowerCase();

export function faultsDocument(
  switches: FaultSwitches,
  tcpReplies: boolean,
  schedule: ScheduleStatus | undefined,
): FaultsDocument {
  return {
    service: switches.service,
    faults: toJson(switches.effective, tcpReplies),
    configured: toJson(switches.configured, tcpReplies),
    schedule: schedule
      ? {
          mode: 'random',
          seed: schedule.seed,
          current: toJson(schedule.current, tcpReplies),
          next_change_at: schedule.nextChangeAt ?? null,
        }
      : { mode: 'off' },
    injected: { ...switches.injectedCounts },
  };
}

function toJson(settings: Partial<FaultSettings>, tcpReplies: boolean): FaultsJson {
  const json: FaultsJson = {};
  if ('latencyMs' in settings) json[jsonName('latencyMs')] = formatSpread(settings.latencyMs);
  if (settings.errorRate !== undefined) json[jsonName('errorRate')] = settings.errorRate;
  if (settings.dropReplyRate !== undefined && tcpReplies) json[jsonName('dropReplyRate')] = settings.dropReplyRate;
  if ('cpuMs' in settings) json[jsonName('cpuMs')] = formatSpread(settings.cpuMs);
  return json;
}

/**
 * The configured settings after a `PUT /faults` body: the fields given
 * replace theirs, the others stay. Throws a ConfigError naming the field for
 * anything else than a JSON object of known fields with valid values.
 */
export function applyFaultsJson(current: FaultSettings, body: unknown, tcpReplies: boolean): FaultSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConfigError('the body must be a JSON object such as {"latency_ms": "100-400", "error_rate": 0.1}');
  }
  const keys = (Object.keys(FaultField) as FaultKey[]).filter((key) => tcpReplies || key !== 'dropReplyRate');
  const known = new Map(keys.map((key) => [jsonName(key), key]));
  const next: FaultSettings = { ...current };
  for (const [field, value] of Object.entries(body)) {
    const key = known.get(field);
    if (!key) throw new ConfigError(`unknown field "${field}"; the fields are ${[...known.keys()].join(', ')}`);
    if (value !== null && typeof value !== 'number' && typeof value !== 'string') {
      throw new ConfigError(`${field} must be a number, a string or null, got ${JSON.stringify(value)}`);
    }
    if (key === 'latencyMs' || key === 'cpuMs') next[key] = value === null ? undefined : parseSpread(value, field);
    else next[key] = value === null ? 0 : parseRate(value, field);
  }
  return next;
}
