// The benchmark's tables, as Markdown: readable on the console as they are, and what
// BENCHMARKS.md holds. Pure: figures in, lines out.
import { ratio } from './stats.mjs';

const DASH = '–';

/** A Markdown table (numeric-looking columns right-aligned). */
export function markdownTable(headers, rows, { right = [] } = {}) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const rule = headers.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [line(headers), line(rule), ...rows.map(line)];
}

const fixed = (value, digits) => (value === undefined || !Number.isFinite(value) ? DASH : value.toFixed(digits));
const signed = (value) => (value === undefined ? DASH : `${value >= 0 ? '+' : ''}${value}`);
const flagged = (errors) => (errors > 0 ? `**${errors}** ⚠` : '0');

/** One row per endpoint and configuration that has figures: `row(figures, endpoint, byConfig)`. */
const rowsOf = (data, endpoints, configs, row) =>
  endpoints.flatMap((endpoint) =>
    configs.filter((config) => data[endpoint]?.[config]).map((config) => row(data[endpoint][config], endpoint, config)),
  );

/**
 * Throughput, latency and CPU per request: `results[endpoint][config]` as stats.summarizeRuns gives,
 * one row per endpoint and configuration, with the ratios to `off` and `peer` and p99 over off's.
 */
export function throughputTable(results, { endpoints, configs, services, labels = {} }) {
  const headers = [
    'endpoint',
    'config',
    'req/s',
    '÷ off',
    '÷ peer',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'p99 − off',
    ...services.map((service) => `CPU ms/req ${service}`),
    'errors',
  ];
  const rows = rowsOf(results, endpoints, configs, (r, endpoint, config) => {
    const { off, peer } = results[endpoint];
    return [
      labels[endpoint] ?? endpoint,
      config,
      fixed(r.rps, 0),
      fixed(ratio(r.rps, off?.rps), 2),
      fixed(ratio(r.rps, peer?.rps), 2),
      fixed(r.p50, 0),
      fixed(r.p90, 0),
      fixed(r.p99, 0),
      off && r.p99 !== undefined && off.p99 !== undefined ? signed(r.p99 - off.p99) : DASH,
      ...services.map((service) => fixed(r.cpuMsPerRequest?.[service], 2)),
      flagged(r.errors),
    ];
  });
  return markdownTable(headers, rows, { right: headers.map((_, i) => i).filter((i) => i >= 2) });
}

/** Latency at half of off's throughput: `half[endpoint][config]` = `{ rate, p50, p99, errors }`. */
export function halfLoadTable(half, { endpoints, configs, labels = {} }) {
  const headers = ['endpoint', 'config', 'rate req/s', 'p50 ms', 'p99 ms', 'p99 added over off', 'errors'];
  const rows = rowsOf(half, endpoints, configs, (r, endpoint, config) => {
    const { off } = half[endpoint];
    return [
      labels[endpoint] ?? endpoint,
      config,
      fixed(r.rate, 0),
      fixed(r.p50, 0),
      fixed(r.p99, 0),
      off ? signed(r.p99 - off.p99) : DASH,
      flagged(r.errors),
    ];
  });
  return markdownTable(headers, rows, { right: [2, 3, 4, 5, 6] });
}

/** Trace delay: `delays[config]` = `{ sent, complete, p50, p99, max }` (ms from response to complete trace). */
export function delayTable(delays) {
  const headers = ['config', 'requests', 'traces complete', 'p50 ms', 'p99 ms', 'max ms'];
  const rows = Object.entries(delays).map(([config, d]) => [
    config,
    String(d.sent),
    String(d.complete),
    fixed(d.p50, 0),
    fixed(d.p99, 0),
    fixed(d.max, 0),
  ]);
  return markdownTable(headers, rows, { right: [1, 2, 3, 4, 5] });
}

/** Memory: `samples[process]` = RSS in MiB over time; start, end and peak per process. */
export function memoryTable(samples, notes = {}) {
  const headers = ['process', 'start MiB', 'end MiB', 'peak MiB', 'note'];
  const rows = Object.entries(samples).map(([name, values]) => [
    name,
    fixed(values[0], 0),
    fixed(values.at(-1), 0),
    fixed(values.length ? Math.max(...values) : undefined, 0),
    notes[name] ?? '',
  ]);
  return markdownTable(headers, rows, { right: [1, 2, 3] });
}

const HEAP_GROUPS_SHOWN = 8;

/**
 * The heap snapshot table: per process, the heap's shallow total and its largest groups
 * (`summarizeHeap`'s), as `name MiB ×count`; a process whose snapshot failed says why.
 */
export function heapTable(summaries) {
  const headers = ['process', 'heap MiB', `largest groups (shallow MiB × objects), top ${HEAP_GROUPS_SHOWN}`];
  const rows = Object.entries(summaries).map(([name, summary]) =>
    summary.error
      ? [name, '–', `no snapshot: ${summary.error}`]
      : [
          name,
          fixed(summary.totalBytes / 1048576, 1),
          summary.groups
            .slice(0, HEAP_GROUPS_SHOWN)
            .map((group) => `${group.name} ${fixed(group.bytes / 1048576, 1)} ×${group.count}`)
            .join(', '),
        ],
  );
  return markdownTable(headers, rows, { right: [1] });
}
