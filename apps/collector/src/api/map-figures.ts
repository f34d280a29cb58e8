import type { Health, MapFigures } from './explorer.contract';
import { worse } from './health';

/** One observation counted into a node's or an edge's figures. */
export interface Observation {
  durationMs: number;
  health: Health;
}

/** The q-quantile by nearest rank of sorted values. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Count, rate per second over `seconds`, shares of error/fault/throttle, p50/p99 and the worst health. */
export function figuresOf(observations: Observation[], seconds: number): MapFigures {
  const count = observations.length;
  const share = (health: Health) =>
    count === 0 ? 0 : round3(observations.filter((o) => o.health === health).length / count);
  const durations = observations.map((o) => o.durationMs).sort((a, b) => a - b);
  return {
    count,
    perSecond: round3(count / seconds),
    errorRate: share('error'),
    faultRate: share('fault'),
    throttleRate: share('throttle'),
    p50Ms: round3(quantile(durations, 0.5)),
    p99Ms: round3(quantile(durations, 0.99)),
    health: observations.reduce<Health>((health, o) => worse(health, o.health), 'ok'),
  };
}
