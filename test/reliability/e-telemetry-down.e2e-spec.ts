import { readFileSync } from 'node:fs';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { filterAllJson } from '../support/cloudwatch';
import { CollectorProcess } from '../support/collector';
import { eventually, request } from '../support/http';
import { type Exchange, KeepAliveLoad } from '../support/keep-alive-load';
import { reportFigures } from '../support/reliability-figures';
import { type AppName, Suite } from '../support/suite';
import type { CollectedTrace } from '../support/traces';

// Small, so that even notifications (which logs least) overflows it during the outage.
const MAX_QUEUED_EVENTS = 100;
const OUTAGE_MS = 12_000;
const UPLOAD_INTERVAL_MS = 1000;
const APPS: AppName[] = ['gateway', 'activities', 'notifications'];
const PATHS = ['/api/activities/home', '/api/activities/notifications', '/api/activities/@andrewbrown'];
const credentials = { accessKeyId: 't', secretAccessKey: 't' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine {
  service?: string;
  level?: string;
  context?: string;
  message?: string;
  timestamp?: string;
  span_id?: string;
}

/** One log line's identity: the same on the console and in CloudWatch (one info object, two formats). */
const keyOf = (line: LogLine) => `${line.timestamp}|${line.level}|${line.span_id ?? ''}|${line.message}`;

/** The JSON lines an app wrote on its console. */
function consoleLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** What an app logged that goes to CloudWatch too (the warnings about logging itself stay on the console). */
const shippable = (lines: LogLine[], service: string) =>
  lines.filter((line) => line.service === service && line.context !== 'Logging');

/** Keys of `lines` absent from `present`, each occurrence counted. */
function missingFrom(lines: LogLine[], present: LogLine[]): LogLine[] {
  const counts = new Map<string, number>();
  for (const line of present) counts.set(keyOf(line), (counts.get(keyOf(line)) ?? 0) + 1);
  return lines.filter((line) => {
    const left = counts.get(keyOf(line)) ?? 0;
    if (left > 0) counts.set(keyOf(line), left - 1);
    return left === 0;
  });
}

/** The warnings an app wrote about its telemetry destinations, by destination. */
function telemetryWarnings(output: string): { lines: string[]; byDestination: Record<string, number> } {
  const lines = output
    .split('\n')
    .map((line) => {
      if (!line.startsWith('{')) return /telemetry (warn|error)|error reporting|X-Ray/.test(line) ? line : undefined;
      const json = JSON.parse(line) as LogLine;
      return json.context === 'Logging' && json.level === 'warn' ? (json.message ?? '') : undefined;
    })
    .filter((line): line is string => line !== undefined);
  const byDestination = { otlp: 0, xray: 0, cloudwatch: 0, rollbar: 0 };
  for (const line of lines) {
    if (/CloudWatch/.test(line)) byDestination.cloudwatch += 1;
    else if (/X-Ray|xray|segment/i.test(line)) byDestination.xray += 1;
    else if (/Rollbar|error reporting/.test(line)) byDestination.rollbar += 1;
    else byDestination.otlp += 1;
  }
  return { lines, byDestination };
}

/** A warning's kind: its text without the counts, ids and ports that vary between occurrences. */
const kindOf = (line: string) => line.replace(/[0-9a-f]{16,32}|\d+/gi, '*');

const rssKb = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);

function sampledTraceIds(exchanges: Exchange[]): string[] {
  return exchanges
    .map((e) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/.exec(e.traceresponse ?? ''))
    .filter((m): m is RegExpExecArray => m !== null && (parseInt(m[2], 16) & 1) === 1)
    .map((m) => m[1]);
}

describe('(e) the telemetry destinations down under load', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  let client: CloudWatchLogsClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      {
        GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
        CLOUDWATCH_MAX_QUEUED_EVENTS: String(MAX_QUEUED_EVENTS),
        CLOUDWATCH_UPLOAD_INTERVAL_MS: String(UPLOAD_INTERVAL_MS),
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
    client = new CloudWatchLogsClient({ endpoint: collector.url, region: 'us-east-1', credentials });
  });

  afterAll(async () => {
    client?.destroy();
    await suite?.stop();
    await collector?.stop();
  });

  it('fails no request, stays bounded, warns once per destination, and ships the newest logs and new traces once back', async () => {
    const services = suite.services;
    // Before: everything logged so far reaches the collector.
    let load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 4, pauseMs: 10 });
    await sleep(3000);
    const exchanges = await load.stop();
    // What the collector holds before it dies: every line it accepted (read once the uploads went
    // quiet). A line accepted later, in the instant before the kill, would be missing without being
    // counted as dropped: the load is stopped meanwhile, so that instant logs nothing.
    let before: LogLine[] = [];
    const quietBy = Date.now() + 10_000;
    let unshippedBefore: number;
    do {
      await sleep(UPLOAD_INTERVAL_MS);
      before = await filterAllJson<LogLine>(client, '');
      unshippedBefore = APPS.map(
        (app) => missingFrom(shippable(consoleLines(services[app].logs), app), before).length,
      ).reduce((a, b) => a + b, 0);
    } while (unshippedBefore > 0 && Date.now() < quietBy);
    const rssBefore = Object.fromEntries(APPS.map((app) => [app, rssKb(services[app].pid)]));

    // The collector dies as the load starts again, and stays away for a while.
    load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 4, pauseMs: 10 });
    await collector.process.kill();
    await sleep(OUTAGE_MS);
    exchanges.push(...(await load.stop()));
    const rssAfter = Object.fromEntries(APPS.map((app) => [app, rssKb(services[app].pid)]));

    // Back on the same ports: what was kept is shipped; new requests make new traces.
    await collector.process.start();
    await sleep(UPLOAD_INTERVAL_MS * 3);
    load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 2, pauseMs: 50 });
    await sleep(2000);
    const afterReturn = await load.stop();
    exchanges.push(...afterReturn);
    await sleep(UPLOAD_INTERVAL_MS * 2.5);
    const after = await filterAllJson<LogLine>(client, '');
    const returnTraces = sampledTraceIds(afterReturn);
    const arrived = await eventually(async () => {
      const found = await Promise.all(
        returnTraces.map(async (id) => {
          const { status, body } = await request<CollectedTrace>(`${collector.url}/api/traces/${id}`);
          return status === 200 && body.spans.some((span) => span.serviceName === 'gateway');
        }),
      );
      return found.every(Boolean) ? found.length : undefined;
    }, 10_000);

    const failed = exchanges.filter((e) => e.status === undefined || e.status >= 500);
    const figures: Record<string, number | string> = {
      requests: exchanges.length,
      failed: failed.length,
      'outage ms': OUTAGE_MS,
      'CloudWatch queue bound': MAX_QUEUED_EVENTS,
      'lines not shipped 10 s after the load before the outage': unshippedBefore,
      'traces after the return': `${arrived}/${returnTraces.length}`,
    };
    const measured = APPS.map((app) => {
      const output = services[app].logs;
      const logged = shippable(consoleLines(output), app);
      const missing = missingFrom(missingFrom(logged, before), after);
      const shippedAfter = after.filter((line) => line.service === app);
      const dropped = [...output.matchAll(/shipping again \(\d+ queued, (\d+) dropped so far/g)].map((m) =>
        Number(m[1]),
      );
      const warnings = telemetryWarnings(output);
      const kinds = new Map<string, number>();
      for (const line of warnings.lines) kinds.set(kindOf(line), (kinds.get(kindOf(line)) ?? 0) + 1);
      Object.assign(figures, {
        [`${app} lines logged`]: logged.length,
        [`${app} lines shipped after the return`]: shippedAfter.length,
        [`${app} lines missing`]: missing.length,
        [`${app} lines dropped (counted)`]: dropped.at(-1) ?? 'no report',
        [`${app} warnings otlp/xray/cloudwatch/rollbar`]: Object.values(warnings.byDestination).join('/'),
        [`${app} RSS MB before/after`]: `${Math.round(rssBefore[app] / 1024)}/${Math.round(rssAfter[app] / 1024)}`,
      });
      return { app, logged, missing, dropped, warnings, kinds };
    });
    reportFigures('e-telemetry-down', figures);

    for (const { app, logged, missing, dropped, warnings, kinds } of measured) {
      // The queue overflowed: the oldest were dropped, the count reported once, equal to what is missing.
      expect(missing.length).toBeGreaterThan(0);
      expect(dropped).toHaveLength(1);
      expect(dropped[0]).toBe(missing.length);
      // Oldest first: every line missing is older than every line of the outage that was kept.
      const keptDuringOutage = missingFrom(logged, before).filter((line) => !missing.includes(line));
      expect(keptDuringOutage.length).toBeGreaterThanOrEqual(Math.min(MAX_QUEUED_EVENTS, logged.length) * 0.5);
      const newestMissing =
        missing
          .map((line) => line.timestamp ?? '')
          .sort()
          .at(-1) ?? '';
      const oldestKept = keptDuringOutage.map((line) => line.timestamp ?? '').sort()[0] ?? '';
      expect(newestMissing <= oldestKept).toBe(true);
      // At most one warning per destination in the run (less than a minute), and CloudWatch's said.
      expect([...kinds].filter(([, count]) => count > 1)).toEqual([]);
      expect(Object.entries(warnings.byDestination).filter(([, count]) => count > 1)).toEqual([]);
      expect(warnings.byDestination.cloudwatch).toBe(1);
      // Memory bounded: the queues and buffers did not grow with the outage (the margin is the heap's
      // own growth under load, which the garbage collector takes back when it pleases).
      expect(rssAfter[app]).toBeLessThan(rssBefore[app] + 150 * 1024);
    }

    expect(failed.map((e) => `${e.path} ${e.status ?? e.error}`)).toEqual([]);
    expect(returnTraces.length).toBeGreaterThan(0);
    expect(services.gateway.running && services.activities.running && services.notifications.running).toBe(true);
  }, 150_000);
});
