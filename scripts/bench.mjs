// `npm run bench`: the cost of tracing, measured against no tracing and against a peer set-up in
// one run. One collector, then a suite per configuration (scripts/bench/configurations.mjs), all up
// at once; each endpoint driven with autocannon, the configurations alternating within each round
// so that all of them see the same machine; medians over rounds. Then latency at half load and,
// for `default` and `on`, how long after its response a trace is complete at the collector.
// `--memory`: RSS of each process under `npm run load` instead. Prints the tables and writes them
// into BENCHMARKS.md (`--no-write`: not). Not a test, and not part of npm test.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { ROOT } from './services.mjs';
import { StartupFailure } from './supervisor/supervisor.mjs';
import { USAGE, UsageError, parseBenchArgs } from './bench/args.mjs';
import { writeSection } from './bench/benchmarks-file.mjs';
import { COMMON_ENV, DESCRIPTIONS, configurationEnv } from './bench/configurations.mjs';
import { drive } from './bench/drive.mjs';
import { ENDPOINTS } from './bench/endpoints.mjs';
import { describeMachine } from './bench/machine.mjs';
import { heapSnapshotDir, snapshotHeaps } from './bench/heap-snapshots.mjs';
import { runUnderLoad } from './bench/memory.mjs';
import { Processes } from './bench/suite.mjs';
import { median, summarizeRuns } from './bench/stats.mjs';
import { delayTable, halfLoadTable, heapTable, memoryTable, throughputTable } from './bench/table.mjs';
import { measureTraceDelay } from './bench/trace-delay.mjs';

// In the order a request meets them.
const TABLE_SERVICES = ['gateway', 'activities', 'notifications'];
const BENCHMARKS_MD = path.join(ROOT, 'BENCHMARKS.md');
const argv = process.argv.slice(2);
const COMMAND = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
const LABELS = Object.fromEntries(Object.entries(ENDPOINTS).map(([name, endpoint]) => [name, endpoint.label]));
const COLLECTOR_NOTE =
  'The collector (one for all suites) runs at the lowest CPU priority (nice 19): it stands for a backend on another machine, so that what is measured is the services’ cost, not its ingest on the same cores (its own ingest benchmark: `npm run bench:collector`).';
const RATE_LIMIT_NOTE =
  'In every configuration the gateway’s rate limit is 0 (off): autocannon sends from one address and would get 429s. The activity store is bounded at 5 items (`ACTIVITIES_STORE_MAX_ITEMS=5`), so that the posts do not grow the feed from run to run; each post then evicts the oldest activity, with the store’s warning line, in every configuration.';

let options;
try {
  options = parseBenchArgs(argv);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`npm run bench: ${error.message} (--help lists the flags)`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

buildIfNeeded();
const processes = new Processes();
let stopping = false;
function onSignal(signal) {
  if (stopping) {
    processes.kill();
    process.exit(1);
  }
  stopping = true;
  console.error(`${signal}: stopping every process of the benchmark`);
  processes.stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Whatever ends this process (an error of its own included), no app is left behind.
process.on('exit', () => processes.kill());

try {
  if (options.memory) await memoryRun(options);
  else await benchmarkRun(options);
} catch (error) {
  if (!(error instanceof StartupFailure)) throw error;
  console.error(`bench: ${error.message}`);
  await processes.stop();
  process.exit(1);
}
await processes.stop();

/** The apps' environment of each configuration, for the reader: what differs from the common part. */
function envLine(env, collector) {
  return Object.entries(env)
    .filter(([key]) => !(key in COMMON_ENV))
    .map(([key, value]) => {
      // The collector's ports change from run to run: named, not numbered.
      const shown = value
        .replace(collector.url, '<collector>')
        .replace(collector.daemonAddress, '<collector daemon>')
        .replace(ROOT, '<repo>');
      return `\`${key}=${shown}\``;
    })
    .join(' ');
}

function header(title, extra) {
  return [
    `## ${title}`,
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`${COMMAND}\`, on ${describeMachine()}.`,
    '',
    ...extra,
  ];
}

async function benchmarkRun({ configs, endpoints, rounds, seconds, warmupSeconds, connections, onEnv, write }) {
  const collector = await processes.startCollector({ lowPriority: true });
  console.log(`collector at ${collector.url} (nice 19: it stands for a backend on another machine)`);
  const suites = {};
  const envs = {};
  for (const config of configs) {
    const { env, execArgv } = configurationEnv(config, {
      collectorUrl: collector.url,
      daemonAddress: collector.daemonAddress,
      onEnv,
      base: process.env,
    });
    envs[config] = env;
    suites[config] = await processes.startSuite(config, { env, execArgv });
    console.log(`${config}: up at ${suites[config].url}: ${DESCRIPTIONS[config]}`);
  }
  const run = (config, endpoint, extra) =>
    drive({
      baseUrl: suites[config].url,
      endpoint: ENDPOINTS[endpoint],
      connections,
      pids: suites[config].pids,
      ...extra,
    });

  if (warmupSeconds > 0) {
    console.log(`warm-up: ${warmupSeconds} s per suite and endpoint (not counted)`);
    for (const endpoint of endpoints)
      for (const config of configs) await run(config, endpoint, { seconds: warmupSeconds });
  }
  const runs = Object.fromEntries(endpoints.map((e) => [e, Object.fromEntries(configs.map((c) => [c, []]))]));
  for (let round = 1; round <= rounds; round++) {
    for (const endpoint of endpoints) {
      for (const config of configs) {
        const r = await run(config, endpoint, { seconds });
        runs[endpoint][config].push(r);
        console.log(
          `round ${round} ${LABELS[endpoint]} ${config}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p90 ${r.p90} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} ERRORS` : ''}`,
        );
      }
    }
  }
  const results = Object.fromEntries(
    endpoints.map((e) => [e, Object.fromEntries(configs.map((c) => [c, summarizeRuns(runs[e][c])]))]),
  );

  // Latency at half load: the same offered rate for every configuration, half of off's median throughput.
  const half = {};
  if (configs.includes('off')) {
    for (const endpoint of endpoints) {
      const rate = Math.max(1, Math.round(results[endpoint].off.rps / 2));
      half[endpoint] = {};
      for (const config of configs) {
        const r = await run(config, endpoint, { seconds, rate });
        half[endpoint][config] = { ...r, rate };
        console.log(`half load ${LABELS[endpoint]} ${config} at ${rate}/s: p50 ${r.p50} ms, p99 ${r.p99} ms`);
      }
    }
  }

  const delays = {};
  for (const config of ['default', 'on'].filter((c) => configs.includes(c))) {
    console.log(`trace delay (${config}): 100 requests at 10/s, then waiting for the traces to settle`);
    delays[config] = await measureTraceDelay({
      baseUrl: suites[config].url,
      collectorUrl: collector.url,
      endpoints: endpoints.map((name) => [name, ENDPOINTS[name]]),
    });
  }
  const stats = await fetch(`${collector.url}/api/stats`).then((r) => r.json());

  const lines = [
    ...header('Services: throughput, latency, CPU per request (npm run bench)', [
      `${rounds} round(s) of ${seconds} s per configuration and endpoint, ${connections} autocannon connections, a ${warmupSeconds} s warm-up per suite and endpoint (not counted); the configurations alternate within each round (every configuration for one endpoint, then the next endpoint); figures are medians over the rounds. The machine is shared (2 cores, other work may run at the same time): the figures are noisy, compare within one run. CPU ms/req: utime + stime of each service's process (/proc/<pid>/stat) over the run, divided by the requests completed. A run with errors or non-2xx answers is flagged in the errors column.`,
      '',
      COLLECTOR_NOTE,
      '',
      RATE_LIMIT_NOTE,
      '',
      ...throughputTable(results, { endpoints, configs, services: TABLE_SERVICES, labels: LABELS }),
      '',
    ]),
  ];
  if (Object.keys(half).length > 0) {
    lines.push(
      '### Latency at half load',
      '',
      `One ${seconds} s run per configuration and endpoint at a fixed rate (autocannon's overallRate): half of off's median throughput for that endpoint. autocannon's latencies are whole milliseconds: an added p99 of 0 or 1 ms is within its resolution.`,
      '',
      ...halfLoadTable(half, { endpoints, configs, labels: LABELS }),
      '',
    );
  }
  if (Object.keys(delays).length > 0) {
    lines.push(
      '### Trace delay',
      '',
      "100 requests at 10 a second, the endpoints in turn, each sampled; for each, the time from the end of its response (traceresponse header: the trace id) to the collector's storing of the trace's last span or segment (`updatedAt` of `GET /api/traces/:id`, same clock), counted when the trace holds every service the request reaches. The apps' own defaults apply (OTEL_BSP_SCHEDULE_DELAY and the rest as the library sets them): nothing is changed here.",
      '',
      ...delayTable(delays),
      '',
    );
  }
  lines.push(
    `Collector received in all: ${stats.protocols?.otlp_traces?.accepted ?? 0} spans, ${stats.protocols?.xray_udp?.accepted ?? 0} segment documents, ${stats.protocols?.cloudwatch_logs?.accepted ?? 0} log events, ${stats.protocols?.rollbar?.accepted ?? 0} Rollbar items.`,
    '',
    '### Configurations',
    '',
    `Common to all: ${Object.entries(COMMON_ENV)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(' ')}; the telemetry destinations (where set) at the benchmark's collector.`,
    '',
    ...configs.map((config) => `- \`${config}\`: ${DESCRIPTIONS[config]}. Env: ${envLine(envs[config], collector)}`),
  );
  if (configs.includes('peer')) {
    lines.push(
      '',
      "The peer (`scripts/bench/peer/preload.cjs`, loaded with `node --require`): NodeSDK starts with OTEL_SDK_DISABLED unset (the SDK honours it too) and it is put back for the app, whose library then stays off. The library's code still runs, and its tracer (`@app/observability`) would make its spans in the peer's SDK: the preload gives that tracer name a no-op tracer, so the peer records only what its own instrumentations make; the trace headers the library writes itself under those no-op spans are skipped by the peer's propagator (the SDK's default tracecontext + baggage, wrapped), as a user without the library has none (otherwise an HTTP call carried two traceparent values, which the callee refused). aws-xray-sdk-core samples everything (local rules, rate 1, centralized sampling off), as the OpenTelemetry side does; `AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR`, as a user sets it, keeps it from logging for work outside a request. The collector takes no OTLP metrics or logs, so `OTEL_METRICS_EXPORTER=none` and `OTEL_LOGS_EXPORTER=none`.",
    );
  }
  console.log(`\n${lines.join('\n')}`);
  if (write) {
    writeSection(BENCHMARKS_MD, 'bench', lines);
    console.log(`\nwritten to ${path.relative(process.cwd(), BENCHMARKS_MD) || 'BENCHMARKS.md'}`);
  }
}

async function memoryRun({ minutes, rate, write }) {
  const heap = heapSnapshotDir();
  // At its default limits and normal priority here: its memory is one of the figures.
  const collector = await processes.startCollector({ lowPriority: false, execArgv: heap.execArgv });
  const { env } = configurationEnv('default', {
    collectorUrl: collector.url,
    daemonAddress: collector.daemonAddress,
    base: process.env,
  });
  const suite = await processes.startSuite('default', { env, execArgv: heap.execArgv });
  console.log(`default configuration up at ${suite.url}; npm run load at ${rate}/s for ${minutes} min, RSS every 10 s`);
  const pids = { ...suite.pids, collector: collector.pid };
  const { samples, loadSummary } = await runUnderLoad({
    target: suite.url,
    explorer: collector.url,
    minutes,
    rate,
    pids,
    // A process of its own (not under a supervisor): it must not outlive the benchmark either.
    onChild: (child) => process.once('exit', () => child.kill()),
  });
  console.log('load done; a heap snapshot of each process in turn');
  const heaps = await snapshotHeaps(heap.dir, pids);
  rmSync(heap.dir, { recursive: true, force: true });
  const notes = {
    collector:
      'documented (apps/collector/README.md, Limits): stores bounded at 256 MiB of traces, 64 MiB of CloudWatch events, 64 MiB of OTLP log records, 64 MiB of Rollbar items (measured as JSON, not RSS); its ingest benchmark ended at RSS 408 MiB',
  };
  const lines = header('Memory (npm run bench -- --memory)', [
    `The \`default\` configuration (what npm start runs) and the collector at its default limits and normal priority, under \`npm run load\` (scripts/load.mjs: the demo's request mix) at ${rate} requests/s for ${minutes} min; each process's VmRSS (/proc/<pid>/status) every 10 s. Shared machine: noisy.`,
    '',
    ...memoryTable(samples, notes),
    '',
    `Load generator: ${loadSummary ?? '(no summary)'}. Medians of the samples: ${Object.entries(samples)
      .map(([name, values]) => `${name} ${Math.round(median(values) ?? 0)} MiB`)
      .join(', ')}.`,
    '',
    `What the heaps held right after the load: a V8 heap snapshot of each process (SIGUSR2 with --heapsnapshot-signal), grouped as DevTools' Summary view groups it, by constructor or kind, with shallow sizes (a queue's entries count under their own constructors; "(string)" and "(code)" include the loaded source).`,
    '',
    ...heapTable(heaps),
  ]);
  console.log(`\n${lines.join('\n')}`);
  if (write) {
    writeSection(BENCHMARKS_MD, 'bench-memory', lines);
    console.log(`\nwritten to ${path.relative(process.cwd(), BENCHMARKS_MD) || 'BENCHMARKS.md'}`);
  }
}
