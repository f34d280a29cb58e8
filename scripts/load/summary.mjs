// The closing summary, on stdout. Every line has a fixed shape, so that a reader (or a test)
// can pick its numbers out: `requests: N in S s, R/s (asked for A/s)`, tables whose columns
// are separated by at least two spaces (a zero shows as `-`), and one line per named request:
// `<ms> ms  <status>  <endpoint>  trace <id>  <explorer link>`.
import { ENDPOINT } from './mix.mjs';
import { NO_RESPONSE } from './recorder.mjs';

const WIDTH = 78;
const PERCENTILES = ['p50', 'p90', 'p99', 'max'];
const ms = (value) => value.toFixed(1);
const cell = (value, width = 7) => String(value === 0 || value === undefined ? '-' : value).padStart(width);

/** The endpoints seen, in the mix's order (any other label after them). */
function endpointsOf(counts) {
  const known = Object.values(ENDPOINT);
  return [...counts.keys()].sort((a, b) => (known.indexOf(a) + 1 || Infinity) - (known.indexOf(b) + 1 || Infinity));
}

function countTable(snapshot, endpoints, labelWidth) {
  const statuses = [...new Set([...snapshot.counts.values()].flatMap((row) => [...row.keys()]))];
  // Status codes in order, requests without a response last.
  const columns = statuses.filter((s) => s !== NO_RESPONSE).sort((a, b) => a - b);
  if (statuses.includes(NO_RESPONSE)) columns.push(NO_RESPONSE);
  const sum = (row) => [...row.values()].reduce((total, n) => total + n, 0);
  const all = new Map(columns.map((column) => [column, 0]));
  for (const row of snapshot.counts.values()) for (const [column, n] of row) all.set(column, all.get(column) + n);
  const line = (label, total, row) =>
    `  ${label.padEnd(labelWidth)}${cell(total)}${columns.map((column) => cell(row.get(column))).join('')}`;
  return [
    `  ${'endpoint'.padEnd(labelWidth)}${cell('total')}${columns.map((column) => cell(column)).join('')}`,
    ...endpoints.map((endpoint) => line(endpoint, sum(snapshot.counts.get(endpoint)), snapshot.counts.get(endpoint))),
    line('all', sum(all), all),
  ];
}

function latencyTable(snapshot, endpoints, labelWidth) {
  const rows = endpoints.filter((endpoint) => snapshot.latencyByEndpoint.has(endpoint));
  return [
    `  ${'endpoint'.padEnd(labelWidth)}${PERCENTILES.map((p) => cell(p, 9)).join('')}`,
    ...rows.map((endpoint) => {
      const latency = snapshot.latencyByEndpoint.get(endpoint);
      return `  ${endpoint.padEnd(labelWidth)}${PERCENTILES.map((p) => cell(ms(latency[p]), 9)).join('')}`;
    }),
  ];
}

/** One named request: its latency, status, endpoint and trace (with the explorer's link to it). */
function requestLine(entry, explorer) {
  if (entry.why) return `  no response (${entry.why})  ${entry.endpoint}`;
  const head = `  ${ms(entry.ms).padStart(7)} ms  ${entry.status}  ${entry.endpoint}`;
  if (!entry.trace) return `${head}  (no trace id in the response)`;
  const { traceId, sampled } = entry.trace;
  // The explorer's route for one trace (apps/collector/explorer/src/lib/router.ts, traceHref).
  return sampled
    ? `${head}  trace ${traceId}  ${explorer}/#/trace/${traceId}`
    : `${head}  trace ${traceId}  (not sampled: not in the collector)`;
}

/**
 * The summary's lines. `run`: `{ target, explorer, seed, connections, rate, elapsedS, stoppedBy }`,
 * `stoppedBy` being the signal that ended the run early, if one did.
 */
export function summaryLines(snapshot, run) {
  const endpoints = endpointsOf(snapshot.counts);
  const labelWidth = Math.max('endpoint'.length, ...endpoints.map((e) => e.length)) + 2;
  const classes = [2, 3, 4, 5].map((c) => {
    let n = 0;
    for (const row of snapshot.counts.values())
      for (const [status, count] of row) if (Math.floor(status / 100) === c) n += count;
    return `${c}xx ${n}`;
  });
  const transport = [...snapshot.transport.values()].reduce((sum, n) => sum + n, 0);
  const why = [...snapshot.transport].map(([reason, n]) => `${reason} ${n}`).join(', ');
  const { latency } = snapshot;
  const lines = [
    '',
    `── load summary `.padEnd(WIDTH, '─'),
    `target ${run.target}, ${run.connections} connections, seed ${run.seed}` +
      (run.stoppedBy ? `; stopped by ${run.stoppedBy}` : ''),
    `requests: ${snapshot.total} in ${run.elapsedS.toFixed(1)} s, ${(snapshot.total / run.elapsedS).toFixed(1)}/s (asked for ${run.rate}/s)`,
    `responses: ${classes.join(', ')}; no response: ${transport}${why ? ` (${why})` : ''}`,
    latency ? `latency: ${PERCENTILES.map((p) => `${p} ${ms(latency[p])} ms`).join(', ')}` : 'latency: no responses',
  ];
  if (endpoints.length === 0) return [...lines, 'no request was sent', '─'.repeat(WIDTH)];
  lines.push('', 'requests by endpoint and status', ...countTable(snapshot, endpoints, labelWidth));
  if (latency) lines.push('', 'latency by endpoint (ms)', ...latencyTable(snapshot, endpoints, labelWidth));
  lines.push('', `slowest ${snapshot.slowest.length}:`, ...snapshot.slowest.map((e) => requestLine(e, run.explorer)));
  const shown = snapshot.failed.length;
  lines.push(
    '',
    `failed: ${snapshot.failedTotal} (5xx, and requests without a response; the expected 404s and 422s are not failures)` +
      (shown < snapshot.failedTotal ? `, the last ${shown}:` : shown > 0 ? ':' : ''),
    ...snapshot.failed.map((e) => requestLine(e, run.explorer)),
  );
  if (shown < snapshot.failedTotal) lines.push(`  … and ${snapshot.failedTotal - shown} more before these`);
  lines.push('─'.repeat(WIDTH));
  return lines;
}
