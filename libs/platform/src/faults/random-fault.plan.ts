import { createHash } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { FaultSettings } from './fault-settings';

/** One step of the random schedule: quiet for a while, then one fault on for a while. */
export interface PlannedFault {
  quietMs: number;
  settings: Partial<FaultSettings>;
  activeMs: number;
}

/** How long quiet and faulty periods last, in milliseconds. */
export const PlanTiming = {
  quiet: { min: 20_000, max: 60_000 },
  active: { min: 10_000, max: 40_000 },
} as const;

const RATES = [0.1, 0.25, 0.5, 1] as const;

/**
 * The random schedule of one service, endless and reproducible: the same
 * seed and service give the same steps on every run and machine (a seeded
 * xoroshiro128+, not Math.random). Each service gets its own sequence from
 * the one seed, so they do not switch in step.
 */
export function* randomFaultPlan(
  seed: number,
  service: string,
  options: { tcpReplies: boolean },
): Generator<PlannedFault, never, undefined> {
  const rng = xoroshiro128plus(serviceSeed(seed, service));
  const between = (range: { min: number; max: number }) => uniformInt(rng, range.min, range.max);
  const kinds = ['latency', 'error', 'cpu', ...(options.tcpReplies ? ['drop_reply'] : [])] as const;
  for (;;) {
    const quietMs = between(PlanTiming.quiet);
    const kind = kinds[uniformInt(rng, 0, kinds.length - 1)];
    yield { quietMs, settings: faultOf(kind, rng), activeMs: between(PlanTiming.active) };
  }
}

function faultOf(kind: string, rng: RandomGenerator): Partial<FaultSettings> {
  const rate = () => RATES[uniformInt(rng, 0, RATES.length - 1)];
  switch (kind) {
    case 'latency': {
      const min = uniformInt(rng, 1, 10) * 50;
      return { latencyMs: { min, max: min + uniformInt(rng, 0, 10) * 50 } };
    }
    case 'cpu':
      return { cpuMs: { min: uniformInt(rng, 5, 20), max: uniformInt(rng, 20, 60) } };
    case 'drop_reply':
      return { dropReplyRate: rate() };
    default:
      return { errorRate: rate() };
  }
}

/** A 32-bit seed of its own for each service, derived from the shared one. */
function serviceSeed(seed: number, service: string): number {
  return createHash('sha256').update(`${seed}:${service}`).digest().readInt32BE(0);
}
