// The benchmark's command line. Pure: the flags in, the run's options out, or a UsageError
// naming the flag (bench.mjs prints it and exits 2), so that a typo never starts eight minutes of load.
import { parseArgs } from 'node:util';
import { CONFIG_NAMES } from './configurations.mjs';
import { ENDPOINT_NAMES } from './endpoints.mjs';

/** A flag with a value the benchmark cannot use; the message names the flag. */
export class UsageError extends Error {
  name = 'UsageError';
}

export const USAGE = `Usage: npm run bench -- [options]   (or: node scripts/bench.mjs [options])

Starts the suite once per configuration (all at once, on free ports, beside one collector at the
lowest CPU priority), drives each endpoint with autocannon in alternating rounds, and prints
throughput, latency, CPU time per request and the ratios to "off" and "peer"; writes BENCHMARKS.md.

  --configs <a,b,...>     of ${CONFIG_NAMES.join(', ')} (default all)
  --endpoints <a,b,...>   of ${ENDPOINT_NAMES.join(', ')} (default all)
  --rounds <n>            rounds, each config and endpoint once per round (default 3)
  --seconds <n>           seconds per run (default 5)
  --warmup <n>            seconds of warm-up per suite and endpoint, not counted (default 2)
  --connections <n>       autocannon connections (default 8)
  --on-env K=V            extra environment for every traced configuration (repeatable)
  --no-write              print only, leave BENCHMARKS.md as it is
  --memory                the memory run instead: the default configuration under npm run load
  --minutes <n>           memory run: minutes of load (default 5)
  --rate <n>              memory run: requests per second (default 50)
  --help                  this text

Exit code: 0 once it has run, 1 when a suite does not start, 2 for a bad flag.`;

function wholeNumber(flag, value, min) {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 100_000) {
    throw new UsageError(`${flag}: expected a whole number of at least ${min}, got "${value}"`);
  }
  return Number(value);
}

function listOf(flag, value, known) {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`${flag}: unknown ${unknown.join(', ') || '(empty)'}; known: ${known.join(', ')}`);
  }
  // In the known order, once each: the table's rows and columns do not depend on how the flag was spelt.
  return known.filter((name) => names.includes(name));
}

function pairs(values) {
  return Object.fromEntries(
    values.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new UsageError(`--on-env: expected KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** The options of one run from `argv` (without node and the script); `{ help: true }` when asked. */
export function parseBenchArgs(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        configs: { type: 'string', default: CONFIG_NAMES.join(',') },
        endpoints: { type: 'string', default: ENDPOINT_NAMES.join(',') },
        rounds: { type: 'string', default: '3' },
        seconds: { type: 'string', default: '5' },
        warmup: { type: 'string', default: '2' },
        connections: { type: 'string', default: '8' },
        'on-env': { type: 'string', multiple: true, default: [] },
        'no-write': { type: 'boolean', default: false },
        memory: { type: 'boolean', default: false },
        minutes: { type: 'string', default: '5' },
        rate: { type: 'string', default: '50' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    // node:util's messages name the flag: "Unknown option '--round'", "Option '--rounds <value>' argument missing".
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };
  return {
    configs: listOf('--configs', values.configs, CONFIG_NAMES),
    endpoints: listOf('--endpoints', values.endpoints, ENDPOINT_NAMES),
    rounds: wholeNumber('--rounds', values.rounds, 1),
    seconds: wholeNumber('--seconds', values.seconds, 1),
    warmupSeconds: wholeNumber('--warmup', values.warmup, 0),
    connections: wholeNumber('--connections', values.connections, 1),
    onEnv: pairs(values['on-env']),
    write: !values['no-write'],
    memory: values.memory,
    minutes: wholeNumber('--minutes', values.minutes, 1),
    rate: wholeNumber('--rate', values.rate, 1),
  };
}
