import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CreateSamplingRuleCommand,
  type CreateSamplingRuleCommandInput,
  GetSamplingRulesCommand,
  XRayClient,
} from '@aws-sdk/client-xray';
import { CollectorProcess } from './support/collector';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

const RULE_FILE = path.resolve(__dirname, '..', 'aws', 'json', 'xray.json');

describe('sampling by the X-Ray rule fetched from the collector (FixedRate 0.1, ReservoirSize 5)', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    // As the original did with `aws xray create-sampling-rule --cli-input-json file://aws/json/xray.json`.
    const xray = new XRayClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await xray.send(
      new CreateSamplingRuleCommand(JSON.parse(readFileSync(RULE_FILE, 'utf8')) as CreateSamplingRuleCommandInput),
    );
    xray.destroy();
    suite = await Suite.start(
      { OTEL_TRACES_SAMPLER: 'xray' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('samples about 10% of the requests beyond the reservoir, each sampled trace complete in both views', async () => {
    const total = 300;
    const sampled: string[] = [];
    const started = Date.now();
    // 100 requests a second for 3 s, 5 at a time.
    for (let i = 0; i < total; i += 5) {
      const batch = await Promise.all(Array.from({ length: 5 }, () => fetch(`${suite.baseUrl}/api/activities/home`)));
      for (const response of batch) {
        expect(response.status).toBe(200);
        const { traceId, sampled: isSampled } = traceIdOf(response.headers);
        if (isSampled) sampled.push(traceId);
      }
      const due = started + ((i + 5) / total) * 3000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    const seconds = Math.max(1, (Date.now() - started) / 1000);
    // At most the reservoir (5 a second) plus 10% of the rest; at least 10% of the rest minus noise.
    const beyond = total - 5 * seconds;
    expect(sampled.length).toBeGreaterThanOrEqual(Math.floor(0.04 * beyond));
    expect(sampled.length).toBeLessThanOrEqual(Math.ceil(5 * seconds + 0.2 * beyond));
    for (const traceId of sampled.slice(0, 10)) {
      const trace = await settledTrace(collector.url, traceId, 5);
      expect(new Set(trace.spans.map((span) => span.serviceName))).toEqual(new Set(['gateway', 'activities']));
    }
  });
});

describe('the collector loading sampling rules at start (COLLECTOR_SAMPLING_RULES_FILE)', () => {
  it('serves the rules of aws/json/xray.json without a create-sampling-rule call', async () => {
    const collector = await CollectorProcess.start({ COLLECTOR_SAMPLING_RULES_FILE: RULE_FILE });
    try {
      const xray = new XRayClient({
        endpoint: collector.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 't', secretAccessKey: 't' },
      });
      const { SamplingRuleRecords } = await xray.send(new GetSamplingRulesCommand({}));
      xray.destroy();
      expect(SamplingRuleRecords?.map((record) => record.SamplingRule)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ RuleName: 'Cruddur', FixedRate: 0.1, ReservoirSize: 5, Priority: 9000 }),
        ]),
      );
    } finally {
      await collector.stop();
    }
  });

  it('refuses to start on an invalid rules file, saying why', async () => {
    const file = path.join(tmpdir(), `bad-rules-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ SamplingRule: { RuleName: 'Broken', FixedRate: 2 } }));
    await expect(CollectorProcess.start({ COLLECTOR_SAMPLING_RULES_FILE: file })).rejects.toThrow(
      /COLLECTOR_SAMPLING_RULES_FILE .*bad-rules/,
    );
  });

  it('refuses to start on a rules file nested deeper than the JSON limit, naming it', async () => {
    const file = path.join(tmpdir(), `deep-rules-${process.pid}.json`);
    writeFileSync(file, `{"SamplingRule": {"Attributes": ${'['.repeat(5_000)}${']'.repeat(5_000)}}}`);
    await expect(CollectorProcess.start({ COLLECTOR_SAMPLING_RULES_FILE: file })).rejects.toThrow(
      /COLLECTOR_SAMPLING_RULES_FILE .*deep-rules.* cannot be read as JSON: JSON nests deeper than 64 levels/,
    );
  });
});
