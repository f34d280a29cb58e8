import path from 'node:path';

const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');

/** scripts/services.mjs: the apps of the suite and their built entry points. */
export interface ServicesScript {
  SERVICES: string[];
  /** Node flags every app runs with (npm start, the benchmark, the image's ENTRYPOINT). */
  APP_NODE_FLAGS: string[];
  entryOf: (app: string) => string;
}

/** scripts/app-env.mjs: what npm start and the image's entrypoint add to the apps' environment. */
export interface AppEnvScript {
  appDefaults: (env: Record<string, string | undefined>, output: { terminal: boolean }) => Record<string, string>;
}

/** A module of scripts/ (plain ESM, without type declarations), with the shape the caller names. */
export async function importScript<T>(file: string): Promise<T> {
  return (await import(path.join(SCRIPTS, file))) as T;
}

/** One difference between a resource as aws/json wants it and as AWS holds it. */
export interface AwsSetupChange {
  member: string;
  from: unknown;
  to: unknown;
}

/** scripts/aws-setup/changes.mjs: what `npm run aws:setup` counts as "differs", and what it sends. */
export interface AwsSetupChangesScript {
  groupChanges: (wanted: object, actual: object) => AwsSetupChange[];
  groupUpdate: (name: string, changes: AwsSetupChange[]) => object;
  samplingRuleChanges: (wanted: object, actual: object) => AwsSetupChange[];
  samplingRuleUpdate: (name: string, changes: AwsSetupChange[]) => object;
  describeChanges: (changes: AwsSetupChange[]) => string;
}

/** scripts/aws-setup/args.mjs: the flags and environment of `npm run aws:setup`. */
export interface AwsSetupArgsScript {
  DEFAULT_LOG_GROUP: string;
  parseAwsSetupArgs: (
    argv: string[],
    env: Record<string, string | undefined>,
  ) => { help: boolean; endpointUrl?: string; region: string; dummyCredentials: boolean; logGroupName: string };
}

/** One configuration and endpoint's figures over its rounds, as scripts/bench/stats.mjs sums them up. */
export interface BenchSummary {
  rounds: number;
  rps?: number;
  p50?: number;
  p90?: number;
  p99?: number;
  errors: number;
  cpuMsPerRequest: Record<string, number | undefined>;
}

/** One autocannon run, as scripts/bench/drive.mjs reports it. */
export interface BenchRun {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  cpuMsPerRequest: Record<string, number | undefined>;
}

/** scripts/bench/args.mjs: the flags of `npm run bench`. */
export interface BenchArgsScript {
  UsageError: new (message: string) => Error;
  parseBenchArgs: (argv: string[]) => Record<string, unknown>;
}

/** scripts/bench/stats.mjs: medians over rounds, percentiles. */
export interface BenchStatsScript {
  median: (numbers: number[]) => number | undefined;
  percentile: (numbers: number[], p: number) => number | undefined;
  summarizeRuns: (runs: BenchRun[]) => BenchSummary;
}

/** scripts/bench/table.mjs: the benchmark's Markdown tables. */
export interface BenchTableScript {
  throughputTable: (
    results: Record<string, Record<string, BenchSummary>>,
    layout: { endpoints: string[]; configs: string[]; services: string[]; labels?: Record<string, string> },
  ) => string[];
  halfLoadTable: (
    half: Record<string, Record<string, { rate: number; p50: number; p99: number; errors: number }>>,
    layout: { endpoints: string[]; configs: string[]; labels?: Record<string, string> },
  ) => string[];
  heapTable: (summaries: Record<string, HeapSummary | { error: string }>) => string[];
}

/** scripts/bench/heap-summary.mjs: a heap snapshot grouped as DevTools' Summary view does. */
export interface HeapSummary {
  totalBytes: number;
  groups: { name: string; bytes: number; count: number }[];
}

export interface BenchHeapSummaryScript {
  summarizeHeapFile: (file: string) => Promise<HeapSummary>;
}

/** scripts/bench/benchmarks-file.mjs: BENCHMARKS.md's generated sections. */
export interface BenchFileScript {
  replaceSection: (text: string, name: string, content: string[]) => string;
}

/** scripts/bench/cpu.mjs: CPU time from /proc/<pid>/stat. */
export interface BenchCpuScript {
  parseStatTicks: (line: string) => number;
}
