import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BenchArgsScript,
  type BenchCpuScript,
  type BenchFileScript,
  type BenchHeapSummaryScript,
  type BenchRun,
  type BenchStatsScript,
  type BenchTableScript,
  importScript,
} from './support/scripts';

// The pure parts of `npm run bench` (scripts/bench/*.mjs). No benchmark runs here.
const ROOT = path.resolve(__dirname, '..');

const run = (rps: number, p99: number, errors = 0, gateway = 1): BenchRun => ({
  rps,
  p50: 1,
  p90: 2,
  p99,
  errors,
  cpuMsPerRequest: { gateway },
});

describe('npm run bench: flags', () => {
  let args: BenchArgsScript;
  beforeAll(async () => {
    args = await importScript<BenchArgsScript>('bench/args.mjs');
  });

  it('defaults to every configuration and endpoint, 3 rounds of 5 s at 8 connections', () => {
    expect(args.parseBenchArgs([])).toMatchObject({
      configs: ['off', 'on', 'rule', 'otel', 'xray', 'peer', 'default'],
      endpoints: ['home', 'notifications', 'create'],
      rounds: 3,
      seconds: 5,
      connections: 8,
      onEnv: {},
      write: true,
      memory: false,
      minutes: 5,
      rate: 50,
    });
  });

  it('takes subsets in the known order, repeated --on-env pairs, --no-write and the memory run', () => {
    const options = args.parseBenchArgs([
      '--configs',
      'peer,off',
      '--endpoints',
      'create',
      '--on-env',
      'AWS_XRAY_SDK_ENABLED=false',
      '--on-env',
      'OTEL_BSP_SCHEDULE_DELAY=100',
      '--no-write',
      '--memory',
      '--minutes',
      '1',
      '--rate',
      '20',
    ]);
    expect(options).toMatchObject({
      configs: ['off', 'peer'],
      endpoints: ['create'],
      onEnv: { AWS_XRAY_SDK_ENABLED: 'false', OTEL_BSP_SCHEDULE_DELAY: '100' },
      write: false,
      memory: true,
      minutes: 1,
      rate: 20,
    });
  });

  it.each([
    [['--rounds', '0'], '--rounds: expected a whole number of at least 1, got "0"'],
    [['--seconds', 'five'], '--seconds: expected a whole number of at least 1, got "five"'],
    [['--configs', 'off,fast'], '--configs: unknown fast; known: off, on, rule, otel, xray, peer, default'],
    [['--endpoints', ''], '--endpoints: unknown (empty); known: home, notifications, create'],
    [['--on-env', 'NOVALUE'], '--on-env: expected KEY=VALUE, got "NOVALUE"'],
    [['--round', '2'], "Unknown option '--round'"],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => args.parseBenchArgs(argv)).toThrow(args.UsageError);
    expect(() => args.parseBenchArgs(argv)).toThrow(message);
  });

  it('exits 2 with one line for a bad flag, before building or starting anything', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bench.mjs'), '--rounds', 'x'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'npm run bench: --rounds: expected a whole number of at least 1, got "x" (--help lists the flags)',
    );
    expect(result.stdout).toBe('');
  });
});

describe('npm run bench: medians and tables', () => {
  let stats: BenchStatsScript;
  let table: BenchTableScript;
  beforeAll(async () => {
    stats = await importScript<BenchStatsScript>('bench/stats.mjs');
    table = await importScript<BenchTableScript>('bench/table.mjs');
  });

  it('takes the middle value, the mean of the middle two for an even count, nothing of nothing', () => {
    expect(stats.median([5, 1, 3])).toBe(3);
    expect(stats.median([4, 1, 3, 10])).toBe(3.5);
    expect(stats.median([])).toBeUndefined();
    expect(stats.percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(stats.percentile([10, 20, 30, 40], 99)).toBe(40);
  });

  it('sums up rounds: each figure its median, the errors added, CPU per service its median', () => {
    const summary = stats.summarizeRuns([run(100, 9, 0, 0.5), run(300, 3, 2, 0.7), run(200, 5, 1, 0.6)]);
    expect(summary).toEqual({
      rounds: 3,
      rps: 200,
      p50: 1,
      p90: 2,
      p99: 5,
      errors: 3,
      cpuMsPerRequest: { gateway: 0.6 },
    });
  });

  it('gives each configuration its ratios to off and peer and its p99 over off, and flags errors', () => {
    const results = {
      home: {
        off: stats.summarizeRuns([run(1000, 10)]),
        on: stats.summarizeRuns([run(850, 12, 4)]),
        peer: stats.summarizeRuns([run(250, 40)]),
      },
    };
    const lines = table.throughputTable(results, {
      endpoints: ['home'],
      configs: ['off', 'on', 'peer'],
      services: ['gateway'],
      labels: { home: 'GET /api/activities/home' },
    });
    expect(lines[0]).toBe(
      '| endpoint | config | req/s | ÷ off | ÷ peer | p50 ms | p90 ms | p99 ms | p99 − off | CPU ms/req gateway | errors |',
    );
    expect(lines.slice(2)).toEqual([
      '| GET /api/activities/home | off | 1000 | 1.00 | 4.00 | 1 | 2 | 10 | +0 | 1.00 | 0 |',
      '| GET /api/activities/home | on | 850 | 0.85 | 3.40 | 1 | 2 | 12 | +2 | 1.00 | **4** ⚠ |',
      '| GET /api/activities/home | peer | 250 | 0.25 | 1.00 | 1 | 2 | 40 | +30 | 1.00 | 0 |',
    ]);
  });

  it('shows a dash for a ratio without its baseline (a subset without off or peer)', () => {
    const lines = table.throughputTable(
      { home: { on: stats.summarizeRuns([run(850, 12)]) } },
      { endpoints: ['home'], configs: ['on'], services: [] },
    );
    expect(lines[2]).toBe('| home | on | 850 | – | – | 1 | 2 | 12 | – | 0 |');
  });

  it('lists latency at half load with the p99 added over off, and skips configurations without figures', () => {
    const at = (p99: number, errors = 0) => ({ rate: 500, p50: 3, p99, errors });
    const lines = table.halfLoadTable(
      { home: { off: at(10), on: at(13, 2) }, create: { on: at(20) } },
      { endpoints: ['home', 'create'], configs: ['off', 'rule', 'on'] },
    );
    expect(lines.slice(2)).toEqual([
      '| home | off | 500 | 3 | 10 | +0 | 0 |',
      '| home | on | 500 | 3 | 13 | +3 | **2** ⚠ |',
      '| create | on | 500 | 3 | 20 | – | 0 |',
    ]);
  });
});

describe('npm run bench: BENCHMARKS.md and /proc', () => {
  let file: BenchFileScript;
  let cpu: BenchCpuScript;
  beforeAll(async () => {
    file = await importScript<BenchFileScript>('bench/benchmarks-file.mjs');
    cpu = await importScript<BenchCpuScript>('bench/cpu.mjs');
  });

  it('replaces only its own section, keeping the notes and the other section around it', () => {
    const first = file.replaceSection('# Benchmarks\n\nHand-written notes.\n', 'bench', ['old table']);
    const both = file.replaceSection(first, 'bench-memory', ['memory table']);
    const edited = both.concat('\nMore notes at the end.\n');
    const again = file.replaceSection(edited, 'bench', ['new table']);
    expect(again).not.toContain('old table');
    expect(again).toContain('new table');
    expect(again).toContain('Hand-written notes.');
    expect(again).toContain('memory table');
    expect(again).toContain('More notes at the end.');
    expect(again.indexOf('Hand-written notes.')).toBeLessThan(again.indexOf('new table'));
    expect(again.indexOf('new table')).toBeLessThan(again.indexOf('memory table'));
  });

  it('starts a missing file with a title', () => {
    expect(file.replaceSection('', 'bench', ['table'])).toMatch(/^# Benchmarks\n[\s\S]*table\n<!-- bench:end -->\n$/);
  });

  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    const line = '4242 (node (gate) way) S 1 4242 4242 0 -1 4194560 900 0 0 0 1234 567 0 0 20 0 11 0 100 0 0';
    expect(cpu.parseStatTicks(line)).toBe(1234 + 567);
  });
});

describe('npm run bench: heap snapshots', () => {
  it('groups a real Node heap snapshot by constructor and kind, largest first, and tables it', async () => {
    const summary = await importScript<BenchHeapSummaryScript>('bench/heap-summary.mjs');
    const table = await importScript<BenchTableScript>('bench/table.mjs');
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-heap-'));
    try {
      const file = path.join(dir, 'marker.heapsnapshot');
      // A process of this Node holding 5,000 objects of a class no other code has.
      const script = `class BenchHeapMarker { constructor(i) { this.i = i; } }
        globalThis.kept = Array.from({ length: 5000 }, (_, i) => new BenchHeapMarker(i));
        require('node:v8').writeHeapSnapshot(${JSON.stringify(file)});`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(child.status).toBe(0);
      const heap = await summary.summarizeHeapFile(file);
      const marker = heap.groups.find((group) => group.name === 'BenchHeapMarker');
      expect(marker?.count).toBe(5000);
      expect(marker?.bytes).toBeGreaterThan(5000 * 8);
      expect(heap.groups.map((group) => group.bytes)).toEqual(
        [...heap.groups.map((group) => group.bytes)].sort((a, b) => b - a),
      );
      expect(heap.totalBytes).toBe(heap.groups.reduce((sum, group) => sum + group.bytes, 0));
      const lines = table.heapTable({ gateway: heap, collector: { error: 'no file' } });
      expect(lines[2]).toMatch(/^\| gateway \| \d+\.\d \| .+ ×\d+/);
      expect(lines[3]).toBe('| collector | – | no snapshot: no file |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
