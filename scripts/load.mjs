// `npm run load`: a load generator for the demo. autocannon sends a realistic mix of the
// original app's requests to the gateway at a steady rate (load/mix.mjs); every response's
// status, latency and trace id is recorded in bounded memory (load/recorder.mjs); at the end,
// or at SIGINT/SIGTERM, a summary names the slowest and the failed requests with links to
// their traces in the explorer (load/summary.mjs). Flags: load/args.mjs, or --help.
// Exit code: 0 once it has run, 1 when the gateway does not answer, 2 for a bad flag.
import autocannon from 'autocannon';
import { MAX_DURATION_S, USAGE, UsageError, parseLoadArgs } from './load/args.mjs';
import { setupConnection } from './load/connection.mjs';
import { unreachableReason } from './load/health-check.mjs';
import { createMix } from './load/mix.mjs';
import { createProgress } from './load/progress.mjs';
import { Recorder } from './load/recorder.mjs';
import { summaryLines } from './load/summary.mjs';

let options;
try {
  options = parseLoadArgs(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`load: ${error.message} (see --help)`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

const unreachable = await unreachableReason(options.target);
if (unreachable) {
  console.error(`gateway not reachable at ${options.target}: ${unreachable}`);
  process.exit(1);
}

const { target, rate, durationS, explorer, seed } = options;
// autocannon opens no more connections than requests per second: each connection gets a whole share of the rate.
const connections = Math.min(options.connections, rate);
const forHow = durationS > 0 ? `for ${durationS} s` : 'until SIGINT/SIGTERM';
console.log(`load: ${target}, ${rate} requests/s ${forHow}, ${connections} connections, seed ${seed}`);

const mix = createMix(seed);
const recorder = new Recorder();
const progress = createProgress({ durationS, recorder });
const startedAt = performance.now();
const instance = autocannon({
  url: target,
  connections,
  overallRate: rate,
  duration: durationS > 0 ? durationS : MAX_DURATION_S,
  setupClient: (client) => setupConnection(client, { mix, recorder }),
});

let stoppedBy;
const stop = (signal) => {
  stoppedBy ??= signal;
  // autocannon ends at its next sample, within a second, and resolves with what it has.
  instance.stop();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

progress.start();
instance.on('tick', progress.tick);
await instance;
progress.stop();

const elapsedS = (performance.now() - startedAt) / 1000;
const run = { target, explorer, seed, connections, rate, elapsedS, stoppedBy };
console.log(summaryLines(recorder.snapshot(), run).join('\n'));
