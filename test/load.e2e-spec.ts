import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { traceHref } from '../apps/collector/explorer/src/lib/router';
import { eventually, request } from './support/http';
import { freePort } from './support/ports';
import { BANNER, type StartScriptRun, runStartScript, startScriptEnv } from './support/start-script';

const LOAD = path.resolve(__dirname, '..', 'scripts', 'load.mjs');

/** The mix's endpoints, as the summary names them. */
const ENDPOINTS = [
  'GET /api/activities/home',
  'GET /api/activities/@:handle',
  'GET /api/activities/search',
  'GET /api/activities/notifications',
  'GET /api/activities/:uuid',
  'POST /api/activities',
  'POST /api/activities/:uuid/reply',
];

interface LoadRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** `node scripts/load.mjs <args>` as its own process, its stdout a pipe (so: plain progress lines, no redraws). */
function runLoad(args: string[]): LoadRun {
  const child = spawn(process.execPath, [LOAD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

interface NamedRequest {
  ms?: number;
  status?: number;
  endpoint: string;
  traceId?: string;
  link?: string;
  noResponse?: string;
}

/** The lines after `title` up to the next blank line or closing rule. */
function section(lines: string[], title: RegExp): string[] {
  const start = lines.findIndex((line) => title.test(line));
  if (start < 0) throw new Error(`no line matching ${title} in the summary`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line === '' || line.startsWith('──'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** A table of the summary: columns separated by two spaces or more, `-` for zero. */
function table(lines: string[], title: RegExp): { columns: string[]; rows: Map<string, Map<string, number>> } {
  const [header, ...body] = section(lines, title).map((line) => line.trim().split(/\s{2,}/));
  const columns = header.slice(1);
  const rows = new Map(
    body.map(([label, ...cells]) => [
      label,
      new Map(cells.map((cell, i) => [columns[i], cell === '-' ? 0 : Number(cell)] as const)),
    ]),
  );
  return { columns, rows };
}

function namedRequest(line: string): NamedRequest {
  const none = /^ {2}no response \(([^)]+)\) {2}(.+)$/.exec(line);
  if (none) return { noResponse: none[1], endpoint: none[2] };
  const match =
    /^ +([\d.]+) ms {2}(\d{3}) {2}(.+?) {2}(?:trace ([0-9a-f]{32}) {2}(\S+)|\(no trace id in the response\))$/.exec(
      line,
    );
  if (!match) throw new Error(`not a request line: ${line}`);
  return { ms: Number(match[1]), status: Number(match[2]), endpoint: match[3], traceId: match[4], link: match[5] };
}

/** The summary, read by its line formats (scripts/load/summary.mjs). */
function parseSummary(stdout: string) {
  const lines = stdout.slice(stdout.indexOf('── load summary')).split('\n');
  const find = (pattern: RegExp) => {
    const match = lines.map((line) => pattern.exec(line)).find(Boolean);
    if (!match) throw new Error(`no line matching ${pattern} in:\n${stdout}`);
    return match;
  };
  const requests = find(/^requests: (\d+) in ([\d.]+) s, ([\d.]+)\/s \(asked for (\d+)\/s\)$/);
  const responses = find(/^responses: 2xx (\d+), 3xx (\d+), 4xx (\d+), 5xx (\d+); no response: (\d+)(?: \((.+)\))?$/);
  const latency = find(/^latency: p50 ([\d.]+) ms, p90 ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms$/);
  const failed = find(/^failed: (\d+) \(/);
  return {
    lines,
    /** Every trace id the summary mentions, wherever it is. */
    traceIds: new Set(lines.join('\n').match(/\b[0-9a-f]{32}\b/g)),
    total: Number(requests[1]),
    seconds: Number(requests[2]),
    rate: Number(requests[3]),
    classes: { '2xx': +responses[1], '3xx': +responses[2], '4xx': +responses[3], '5xx': +responses[4] },
    noResponse: Number(responses[5]),
    latency: { p50: +latency[1], p90: +latency[2], p99: +latency[3], max: +latency[4] },
    counts: table(lines, /^requests by endpoint and status$/),
    latencies: table(lines, /^latency by endpoint \(ms\)$/),
    slowest: section(lines, /^slowest \d+:$/).map(namedRequest),
    failedTotal: Number(failed[1]),
    failed: section(lines, /^failed: \d+ /)
      .filter((line) => !line.startsWith('  … and'))
      .map(namedRequest),
  };
}

type Summary = ReturnType<typeof parseSummary>;

/** What any summary must hold together: every count adds up, percentiles are ordered. */
function expectConsistent(summary: Summary) {
  const { columns, rows } = summary.counts;
  const all = rows.get('all')!;
  expect(all.get('total')).toBe(summary.total);
  for (const column of columns) {
    const sum = [...rows].filter(([label]) => label !== 'all').reduce((n, [, row]) => n + row.get(column)!, 0);
    expect([column, all.get(column)]).toEqual([column, sum]);
  }
  for (const [label, row] of rows) {
    const cells = columns.filter((c) => c !== 'total').reduce((n, c) => n + row.get(c)!, 0);
    expect([label, row.get('total')]).toEqual([label, cells]);
  }
  const byClass = (c: number) =>
    columns.filter((s) => Math.floor(Number(s) / 100) === c).reduce((n, s) => n + all.get(s)!, 0);
  expect(summary.classes).toEqual({ '2xx': byClass(2), '3xx': byClass(3), '4xx': byClass(4), '5xx': byClass(5) });
  expect(summary.noResponse).toBe(all.get('error') ?? 0);
  expect(summary.rate).toBeCloseTo(summary.total / summary.seconds, 0);
  // Failures are the 5xx responses and the requests without one; the expected 404s and 422s are not.
  expect(summary.failedTotal).toBe(summary.classes['5xx'] + summary.noResponse);
  expect(summary.failed).toHaveLength(Math.min(10, summary.failedTotal));
  for (const failure of summary.failed) {
    expect(failure.noResponse !== undefined || failure.status! >= 500).toBe(true);
  }
  const { p50, p90, p99, max } = summary.latency;
  expect(p50).toBeLessThanOrEqual(p90);
  expect(p90).toBeLessThanOrEqual(p99);
  expect(p99).toBeLessThanOrEqual(max);
  // The slowest requests, slowest first; the first is the maximum.
  const slowest = summary.slowest.map((s) => s.ms!);
  expect(slowest).toEqual([...slowest].sort((a, b) => b - a));
  expect(slowest[0]).toBe(max);
}

describe('the load generator (npm run load) against the suite', () => {
  let suite: StartScriptRun;
  let gateway: string;
  let collector: string;

  beforeAll(async () => {
    const { ports, env } = await startScriptEnv();
    suite = runStartScript([], env);
    await suite.waitFor(BANNER);
    gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
    collector = `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`;
  }, 60_000);

  afterAll(async () => {
    suite.child.kill('SIGTERM');
    await suite.exit;
  });

  /** Every trace the summary names, with the explorer's link to it, is at the collector. */
  async function expectTracesCollected(summary: Summary) {
    const traced = [...summary.slowest, ...summary.failed].filter((n) => n.traceId);
    expect(new Set(traced.map((n) => n.traceId))).toEqual(summary.traceIds);
    for (const { traceId, link } of traced) {
      expect(link).toBe(`${collector}/${traceHref(traceId!)}`);
      const trace = await eventually(async () => {
        const { status, body } = await request<{ traceId: string }>(`${collector}/api/traces/${traceId}`);
        return status === 200 ? body : undefined;
      }, 10_000);
      expect(trace.traceId).toBe(traceId);
    }
    return traced.length;
  }

  it('sends the mix at the asked rate and prints a summary whose counts add up and whose traces are collected', async () => {
    const load = runLoad(['--rate', '20', '--duration', '15s', '--target', gateway, '--explorer', collector]);
    expect(await load.exit).toBe(0);
    expect(load.stderr()).toBe('');
    const stdout = load.stdout();
    expect(stdout).toMatch(/^load: http:\/\/127\.0\.0\.1:\d+, 20 requests\/s for 15 s, 4 connections, seed \d+$/m);
    // Off a terminal, progress is a plain line every few seconds.
    expect(stdout).toMatch(/^load: \d+ s, \d+ requests, [\d.]+\/s, \d+ failed$/m);

    const summary = parseSummary(stdout);
    expectConsistent(summary);
    // autocannon keeps to the rate: never more than 20 a second (plus the first second's batch).
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.total).toBeLessThanOrEqual(20 * 16);
    // Every endpoint of the mix, with its expected errors: unknown handles and activities, invalid posts.
    expect([...summary.counts.rows.keys()]).toEqual([...ENDPOINTS, 'all']);
    expect(summary.counts.rows.get('GET /api/activities/home')!.get('200')).toBeGreaterThan(0);
    expect(summary.counts.rows.get('GET /api/activities/@:handle')!.get('404')).toBeGreaterThan(0);
    expect(summary.counts.rows.get('GET /api/activities/:uuid')!.get('404')).toBeGreaterThan(0);
    expect(summary.counts.rows.get('POST /api/activities')!.get('201')).toBeGreaterThan(0);
    expect(summary.counts.rows.get('POST /api/activities')!.get('422')).toBeGreaterThan(0);
    expect(summary.counts.rows.get('POST /api/activities/:uuid/reply')!.get('201')).toBeGreaterThan(0);
    expect(summary.latencies.columns).toEqual(['p50', 'p90', 'p99', 'max']);
    expect([...summary.latencies.rows.keys()]).toEqual(ENDPOINTS);
    expect(summary.slowest).toHaveLength(5);
    expect(await expectTracesCollected(summary)).toBeGreaterThanOrEqual(5);
  }, 60_000);

  // Last: it stops a service of the suite.
  it('with --duration 0 runs until SIGTERM, then prints the summary and exits 0; failed requests name their traces', async () => {
    // With notifications down, the gateway answers 503 for notifications and replies.
    const [, pid] = await suite.waitFor(/notifications started \(pid (\d+)\)/);
    process.kill(Number(pid), 'SIGKILL');
    await suite.waitFor(/notifications killed by SIGKILL/);

    const load = runLoad(['--rate', '20', '--duration', '0', '--target', gateway, '--explorer', collector]);
    await eventually(async () => (/^load: [1-9]\d* s, /m.test(load.stdout()) ? true : undefined), 15_000);
    load.child.kill('SIGTERM');
    expect(await load.exit).toBe(0);

    const summary = parseSummary(load.stdout());
    expect(load.stdout()).toMatch(/^target http:\/\/127\.0\.0\.1:\d+, 4 connections, seed \d+; stopped by SIGTERM$/m);
    expectConsistent(summary);
    expect(summary.counts.rows.get('GET /api/activities/notifications')!.get('503')).toBeGreaterThan(0);
    expect(summary.failedTotal).toBeGreaterThan(0);
    expect(summary.failed.every((f) => f.status === 503 && f.traceId)).toBe(true);
    await expectTracesCollected(summary);
  }, 60_000);
});

describe('the load generator on its own', () => {
  it('counts requests that get no response as failures, without a trace id', async () => {
    // A "gateway" that passes the health check, answers the feed, and drops every other request's connection.
    const server = createServer((req, res) => {
      if (req.url === '/api/health-check' || req.url === '/api/activities/home') res.end('[]');
      else req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const load = runLoad(['--rate', '10', '--duration', '2s', '--target', `http://127.0.0.1:${port}`]);
      expect(await load.exit).toBe(0);
      const summary = parseSummary(load.stdout());
      expectConsistent(summary);
      expect(summary.noResponse).toBeGreaterThan(0);
      expect(summary.failed.length).toBeGreaterThan(0);
      for (const failure of summary.failed) expect(failure.noResponse).toMatch(/^(closed|ECONNRESET|EPIPE)$/);
      // Its answers carry no trace header: the slowest are listed without a trace.
      expect(summary.lines.filter((line) => line.includes('(no trace id in the response)')).length).toBe(
        summary.slowest.length,
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);

  it('sends the same requests for the same --seed', async () => {
    // A "gateway" that answers everything with an empty list, and notes what it was sent.
    let seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url !== '/api/health-check') seen.push(`${req.method} ${req.url} ${body}`);
        res.end('[]');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sent = async (seed: string) => {
      seen = [];
      // One connection: the requests reach the server in the order the mix made them.
      const args = ['--rate', '10', '--connections', '1', '--duration', '2s', '--seed', seed];
      const load = runLoad([...args, '--target', `http://127.0.0.1:${port}`]);
      expect(await load.exit).toBe(0);
      return seen.slice(0, 15);
    };
    try {
      const first = await sent('7');
      expect(first).toHaveLength(15);
      expect(await sent('7')).toEqual(first);
      expect(await sent('8')).not.toEqual(first);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);

  it('says in one line that the gateway is not reachable, and exits 1', async () => {
    const port = await freePort();
    const load = runLoad(['--target', `http://127.0.0.1:${port}`, '--duration', '1s']);
    expect(await load.exit).toBe(1);
    expect(load.stderr()).toBe(`gateway not reachable at http://127.0.0.1:${port}: ECONNREFUSED\n`);
    expect(load.stdout()).toBe('');
  });

  it.each([
    [['--rate', 'fast'], /^load: --rate: expected a whole number of requests per second, at least 1, got "fast"/],
    [['--duration', '5x'], /^load: --duration: expected a time such as 15s, 2m, 1h, or 0/],
    [['--connections', '0'], /^load: --connections: /],
    [['--target', 'gateway:4567'], /^load: --target: expected an http\(s\) URL/],
    [['--bogus'], /^load: Unknown option '--bogus'/],
  ])('refuses %j with exit code 2 and a message naming the flag', async (args, message) => {
    const load = runLoad(args);
    expect(await load.exit).toBe(2);
    expect(load.stderr()).toMatch(message);
    expect(load.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('prints its usage with --help', async () => {
    const load = runLoad(['--help']);
    expect(await load.exit).toBe(0);
    for (const flag of ['--target', '--rate', '--duration', '--connections', '--explorer', '--seed']) {
      expect(load.stdout()).toContain(flag);
    }
  });
});
