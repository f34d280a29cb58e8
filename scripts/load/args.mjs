// The load generator's command line. The defaults point at the suite `npm start` runs, with
// the ports read from the same variables as the apps (supervisor/endpoints.mjs), so that
// `npm run load` works next to `npm start` with no flag at all.
import { parseArgs } from 'node:util';
import { httpUrlOf } from '../supervisor/endpoints.mjs';
import { readHttpUrl } from '../supervisor/env.mjs';

/** A flag with a value the generator cannot use; the message names the flag. */
export class UsageError extends Error {
  name = 'UsageError';
}

export const USAGE = `Usage: npm run load -- [options]   (or: node scripts/load.mjs [options])

Sends a mix of the demo's requests to the gateway, then prints what came back:
requests by endpoint and status, latency percentiles, and the trace ids of the
slowest and the failed requests, each with its link to the trace explorer.

  --target <url>       the gateway (default http://127.0.0.1:$GATEWAY_PORT, 4567)
  --rate <n>           requests per second, all connections together (default 10)
  --duration <time>    15s, 2m, 1h, or 0: until SIGINT/SIGTERM (default 30s)
  --connections <n>    concurrent connections, at most one per request per second (default 4)
  --explorer <url>     the collector, for trace links (default $COLLECTOR_URL, or
                       http://127.0.0.1:$COLLECTOR_HTTP_PORT, 4318)
  --seed <n>           seed of the request mix (default: random, printed at start)
  --help               this text

Exit code: 0 once it has run (failed requests are reported, not fatal), 1 when the
gateway does not answer its health check, 2 for a bad flag.`;

const UNITS = { s: 1, m: 60, h: 3600 };
// The seed's range (pure-rand's generators take a 32-bit integer), and a sane cap for the rest.
const MAX_INT32 = 2 ** 31 - 1;
/** The longest run autocannon can time (its stop is a setTimeout); `--duration 0` runs this long, or until stopped. */
export const MAX_DURATION_S = Math.floor(MAX_INT32 / 1000);

function wholeNumber(flag, value, min, what) {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > MAX_INT32) {
    throw new UsageError(`${flag}: expected ${what}, got "${value}"`);
  }
  return Number(value);
}

/** Seconds of `15s`, `2m`, `1h` or `0` (a bare number is seconds). */
function duration(value) {
  const match = /^(\d+)([smh]?)$/.exec(value);
  if (!match)
    throw new UsageError(`--duration: expected a time such as 15s, 2m, 1h, or 0 (until stopped), got "${value}"`);
  const seconds = Number(match[1]) * UNITS[match[2] || 's'];
  if (seconds > MAX_DURATION_S) throw new UsageError(`--duration: at most ${MAX_DURATION_S}s; 0 runs until stopped`);
  return seconds;
}

function httpUrl(flag, value) {
  const url = readHttpUrl({ [flag]: value }, flag);
  if (url === undefined) throw new UsageError(`${flag}: expected an http(s) URL, got "${value}"`);
  return url;
}

/**
 * The options of one run, from `argv` (without node and the script) and the environment.
 * `{ help: true }` when usage was asked for; throws a UsageError for a bad flag.
 */
export function parseLoadArgs(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        target: { type: 'string', default: httpUrlOf('gateway', env) },
        rate: { type: 'string', default: '10' },
        duration: { type: 'string', default: '30s' },
        connections: { type: 'string', default: '4' },
        explorer: { type: 'string', default: readHttpUrl(env, 'COLLECTOR_URL', httpUrlOf('collector', env)) },
        seed: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    // node:util's own messages name the flag: "Unknown option '--rat'", "Option '--rate <value>' argument missing".
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };
  return {
    target: httpUrl('--target', values.target),
    rate: wholeNumber('--rate', values.rate, 1, 'a whole number of requests per second, at least 1'),
    durationS: duration(values.duration),
    connections: wholeNumber('--connections', values.connections, 1, 'a whole number of connections, at least 1'),
    explorer: httpUrl('--explorer', values.explorer),
    // Chosen here when not given, so that the start line can print it and a run can be repeated.
    seed:
      values.seed === undefined
        ? Math.floor(Math.random() * MAX_INT32)
        : wholeNumber('--seed', values.seed, 0, `a whole number from 0 to ${MAX_INT32}`),
  };
}
