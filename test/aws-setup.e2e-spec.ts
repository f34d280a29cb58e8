import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetGroupsCommand,
  GetSamplingRulesCommand,
  type SamplingRuleRecord,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
  XRayClient,
} from '@aws-sdk/client-xray';
import { CollectorProcess } from './support/collector';
import { freePort } from './support/ports';
import { Suite } from './support/suite';
import { traceIdOf } from './support/traces';

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'aws-setup.mjs');
const RULE = (JSON.parse(readFileSync(path.join(ROOT, 'aws', 'json', 'xray.json'), 'utf8')) as { SamplingRule: object })
  .SamplingRule;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node scripts/aws-setup.mjs ...args` as a user runs it, with no AWS credentials in its environment. */
function awsSetup(...args: string[]): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|WEB_IDENTITY_TOKEN_FILE)$/.test(name),
    ),
  );
  const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const resourceLines = (run: Run): string[] =>
  run.stdout.split('\n').filter((line) => /^(X-Ray|CloudWatch Logs) /.test(line));

/** Whether each of `count` requests to the gateway, 5 at a time, was sampled. */
async function sampledOf(baseUrl: string, count: number): Promise<boolean[]> {
  const sampled: boolean[] = [];
  for (let i = 0; i < count; i += 5) {
    const batch = await Promise.all(Array.from({ length: 5 }, () => fetch(`${baseUrl}/api/activities/home`)));
    for (const response of batch) {
      expect(response.status).toBe(200);
      sampled.push(traceIdOf(response.headers).sampled);
    }
  }
  return sampled;
}

describe('npm run aws:setup against the collector', () => {
  let collector: CollectorProcess;
  let xray: XRayClient;
  let logs: CloudWatchLogsClient;

  // What the collector holds, read back with the real SDK clients.
  const held = async (): Promise<{ groups: string[]; rules: SamplingRuleRecord[]; logGroups: string[] }> => {
    const { Groups } = await xray.send(new GetGroupsCommand({}));
    const { SamplingRuleRecords } = await xray.send(new GetSamplingRulesCommand({}));
    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({}));
    return {
      groups: (Groups ?? []).map((group) => `${group.GroupName} ${group.FilterExpression ?? ''}`.trim()),
      rules: (SamplingRuleRecords ?? []).filter((record) => record.SamplingRule?.RuleName !== 'Default'),
      logGroups: (logGroups ?? []).map((group) => group.logGroupName ?? ''),
    };
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    const config = {
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    };
    xray = new XRayClient(config);
    logs = new CloudWatchLogsClient(config);
  });

  afterAll(async () => {
    xray?.destroy();
    logs?.destroy();
    await collector?.stop();
  });

  it('creates the group, the rule and the log group once each; a second run changes nothing and says so', async () => {
    const first = await awsSetup('--endpoint-url', collector.url);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('no AWS credentials in the environment: signing with dummy static credentials');
    expect(resourceLines(first)).toEqual([
      'X-Ray group Cruddur: created',
      'X-Ray sampling rule Cruddur: created',
      'CloudWatch Logs log group cruddur: created',
    ]);
    const after = await held();
    expect(after.groups).toEqual(['Default', 'Cruddur service("gateway")']);
    expect(after.rules.map((record) => record.SamplingRule)).toEqual([expect.objectContaining(RULE)]);
    expect(after.logGroups).toEqual(['cruddur']);

    const second = await awsSetup('--endpoint-url', collector.url);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(resourceLines(second)).toEqual([
      'X-Ray group Cruddur: unchanged',
      'X-Ray sampling rule Cruddur: unchanged',
      'CloudWatch Logs log group cruddur: unchanged',
    ]);
    expect(second.stdout).toMatch(/nothing changed/);
    const again = await held();
    expect(again.groups).toEqual(after.groups);
    expect(again.logGroups).toEqual(after.logGroups);
    // Not even rewritten: the rule's modification time did not move.
    expect(again.rules).toEqual(after.rules);
  });

  it('puts back a rule and a group changed behind its back, saying what it changed', async () => {
    await xray.send(
      new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'Cruddur', FixedRate: 0.05, ReservoirSize: 1 } }),
    );
    await xray.send(new UpdateGroupCommand({ GroupName: 'Cruddur', FilterExpression: 'service("activities")' }));
    const run = await awsSetup('--endpoint-url', collector.url);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(resourceLines(run)).toEqual([
      'X-Ray group Cruddur: updated: FilterExpression service("activities") → service("gateway")',
      'X-Ray sampling rule Cruddur: updated: FixedRate 0.05 → 0.1, ReservoirSize 1 → 5',
      'CloudWatch Logs log group cruddur: unchanged',
    ]);
    expect(run.stdout).toMatch(/done: 0 created, 2 updated, 1 unchanged/);
    const after = await held();
    expect(after.groups).toEqual(['Default', 'Cruddur service("gateway")']);
    expect(after.rules.map((record) => record.SamplingRule)).toEqual([expect.objectContaining(RULE)]);
  });

  it('the services sample by the rule it keeps: all while it is drifted to FixedRate 1, about 10 % once restored', async () => {
    await xray.send(new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'Cruddur', FixedRate: 1 } }));
    const suite = await Suite.start(
      { OTEL_TRACES_SAMPLER: 'xray' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
    try {
      // Until the gateway has fetched the rules it samples by the local default (1/s + 5 %): wait for
      // them (a first fetch that fails on this busy machine is retried at the next 10 s targets tick).
      const pause = () => new Promise((resolve) => setTimeout(resolve, 500));
      const fetched = Date.now() + 30_000;
      let drifted = await sampledOf(suite.baseUrl, 20);
      while (drifted.includes(false) && Date.now() < fetched) {
        await pause();
        drifted = await sampledOf(suite.baseUrl, 20);
      }
      expect(drifted.filter(Boolean)).toHaveLength(20);

      const run = await awsSetup('--endpoint-url', collector.url);
      expect(resourceLines(run)).toContain('X-Ray sampling rule Cruddur: updated: FixedRate 1 → 0.1');

      // The gateway sees the change at its next sampling-targets report (every 10 s) and reloads the rules.
      const reloaded = Date.now() + 25_000;
      let batch = await sampledOf(suite.baseUrl, 20);
      while (!batch.includes(false) && Date.now() < reloaded) {
        await pause();
        batch = await sampledOf(suite.baseUrl, 20);
      }
      const total = 100;
      const started = Date.now();
      const sampled = (await sampledOf(suite.baseUrl, total)).filter(Boolean).length;
      // The reservoir counts per clock second: the requests touched this many of them.
      const seconds = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
      // At most the reservoir (5 a second) plus 10 % of the rest, with room for chance either way; at least
      // one (the reservoir lends one a second) and about 10 % of what the reservoir cannot have taken.
      const beyond = Math.max(0, total - 5 * seconds);
      expect(sampled).toBeGreaterThanOrEqual(Math.max(1, Math.floor(0.04 * beyond)));
      expect(sampled).toBeLessThanOrEqual(5 * seconds + Math.ceil(0.2 * total));
      // Against the FixedRate 1 of the drifted rule: all 20 of each batch above.
      expect(sampled).toBeLessThan(total / 2);
    } finally {
      await suite.stop();
    }
  }, 120_000);

  it('exits 2 with one line for a bad flag or URL, 1 with one line when the endpoint is unreachable', async () => {
    const bad = await awsSetup('--endpoint', collector.url);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("aws:setup: Unknown option '--endpoint' (see --help)");
    const notUrl = await awsSetup('--endpoint-url', 'collector:4318');
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr.trim()).toMatch(/^aws:setup: --endpoint-url: expected an http\(s\) URL, got "collector:4318"/);
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await awsSetup('--endpoint-url', nowhere);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^aws:setup: X-Ray group failed: ${nowhere} is unreachable \\(.*ECONNREFUSED`)),
    ]);
    const help = await awsSetup('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run aws:setup \[-- --endpoint-url <url>\]/);
  });
});
