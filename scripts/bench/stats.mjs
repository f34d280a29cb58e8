// Summaries of repeated runs: medians over rounds, percentiles of a sample. Pure.

/** The median (the mean of the middle two for an even count); undefined for no number. */
export function median(numbers) {
  const sorted = numbers.filter((n) => typeof n === 'number' && Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile `p` (0-100) of `numbers`; undefined for none. */
export function percentile(numbers, p) {
  const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * The median run of a configuration and endpoint over its rounds: each figure's median, the
 * errors summed (a run with any is flagged), and the CPU time per request of each service.
 */
export function summarizeRuns(runs) {
  const services = [...new Set(runs.flatMap((run) => Object.keys(run.cpuMsPerRequest ?? {})))];
  const of = (key) => median(runs.map((run) => run[key]));
  return {
    rounds: runs.length,
    rps: of('rps'),
    p50: of('p50'),
    p90: of('p90'),
    p99: of('p99'),
    errors: runs.reduce((sum, run) => sum + (run.errors ?? 0), 0),
    cpuMsPerRequest: Object.fromEntries(
      services.map((service) => [service, median(runs.map((run) => run.cpuMsPerRequest?.[service]))]),
    ),
  };
}

/** `x / y` when both are known and y is not 0. */
export const ratio = (x, y) => (x !== undefined && y !== undefined && y > 0 ? x / y : undefined);
