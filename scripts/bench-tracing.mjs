// Benchmark of the observability library's cost: GET /api/activities/home
// through the gateway (gateway → activities over HTTP), with telemetry off and
// with it on (everything sampled, exporting spans and segments to a collector),
// in alternating rounds of one run, so both see the same machine state.
// Not a test: it prints figures (see libs/observability/README.md).
//   npm run bench:tracing [-- --rounds 3 --seconds 8 --connections 8]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildIfNeeded } from './build-if-needed.mjs';
import { entryOf } from './services.mjs';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    // Extra environment for the instrumented suite, to see what costs what (e.g. AWS_XRAY_SDK_ENABLED=false).
    'on-env': { type: 'string', multiple: true, default: [] },
  },
});
const ON_ENV = Object.fromEntries(
  values['on-env'].map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const children = [];
function start(service, env) {
  const child = spawn(process.execPath, [entryOf(service)], {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** The three apps on free ports; `telemetry` decides where spans and segments go, or turns them off. */
async function startSuite(telemetryEnv) {
  const env = {
    GATEWAY_PORT: String(await freePort()),
    ACTIVITIES_HTTP_PORT: String(await freePort()),
    ACTIVITIES_TCP_PORT: String(await freePort()),
    NOTIFICATIONS_TCP_PORT: String(await freePort()),
    // Logging is the same in both variants and not what is measured: warnings only, console only.
    LOG_LEVEL: 'warn',
    CLOUDWATCH_LOGS_ENABLED: 'false',
    // autocannon from one address sends thousands a second: the rate limit would answer most of them 429.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    ...telemetryEnv,
  };
  for (const service of ['activities', 'notifications', 'gateway']) start(service, env);
  const url = `http://127.0.0.1:${env.GATEWAY_PORT}/api/activities/home`;
  await waitFor(url);
  return url;
}

async function drive(url) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  return {
    rps: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

buildIfNeeded();
try {
  const [collectorHttp, daemonPort] = [await freePort(), await freePort()];
  const collector = start('collector', {
    COLLECTOR_HTTP_PORT: String(collectorHttp),
    COLLECTOR_XRAY_DAEMON_PORT: String(daemonPort),
  });
  // The collector stands in for a backend on another machine: lowest CPU priority, so that
  // what is measured is the services' cost, not the collector's ingest on the same two cores.
  os.setPriority(collector.pid, 19);
  await waitFor(`http://127.0.0.1:${collectorHttp}/api/stats`);
  const off = await startSuite({ OTEL_SDK_DISABLED: 'true', AWS_XRAY_SDK_ENABLED: 'false' });
  const on = await startSuite({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorHttp}`,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
    OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    ...ON_ENV,
  });
  await drive(off);
  await drive(on); // warm-up rounds, not counted
  console.log(
    `tracing overhead benchmark: ${os.cpus().length} cores, Node ${process.version}, ${ROUNDS} rounds of ${SECONDS} s per variant, ${CONNECTIONS} connections`,
  );
  const results = { off: [], on: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, url] of [
      ['off', off],
      ['on', on],
    ]) {
      const r = await drive(url);
      results[name].push(r);
      console.log(
        `round ${round} ${name.padEnd(3)}: ${Math.round(r.rps)} req/s, mean ${r.mean.toFixed(2)} ms, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`,
      );
    }
  }
  const summary = (name) => ({
    rps: median(results[name].map((r) => r.rps)),
    mean: median(results[name].map((r) => r.mean)),
    p50: median(results[name].map((r) => r.p50)),
    p99: median(results[name].map((r) => r.p99)),
  });
  // autocannon reports p50/p99 in whole milliseconds: a 0 ms baseline has no meaningful ratio.
  const ratio = (x, y) => (y > 0 ? (x / y).toFixed(2) : 'n/a');
  const [a, b] = [summary('off'), summary('on')];
  console.log(`median off: ${Math.round(a.rps)} req/s, mean ${a.mean.toFixed(2)} ms, p50 ${a.p50} ms, p99 ${a.p99} ms`);
  console.log(`median on : ${Math.round(b.rps)} req/s, mean ${b.mean.toFixed(2)} ms, p50 ${b.p50} ms, p99 ${b.p99} ms`);
  console.log(
    `ratio on/off: throughput ${ratio(b.rps, a.rps)}, mean latency ${ratio(b.mean, a.mean)}, p50 ${ratio(b.p50, a.p50)}, p99 ${ratio(b.p99, a.p99)}`,
  );
  const stats = await fetch(`http://127.0.0.1:${collectorHttp}/api/stats`).then((r) => r.json());
  console.log(
    `collector received: ${stats.protocols.otlp_traces?.accepted ?? 0} spans, ${stats.protocols.xray_udp?.accepted ?? 0} segment documents`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
}
