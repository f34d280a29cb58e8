import { CreateSamplingRuleCommand, XRayClient } from '@aws-sdk/client-xray';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';
import { Suite } from './support/suite';
import { flattenSegments, settledTrace, traceIdOf, type CollectedTrace } from './support/traces';

const REQUESTS = 50;
/** Long enough for the gateway's sampler to report its statistics (every 10 s) after the first requests. */
const SPREAD_MS = 14_000;

/** The instrumentations a user may switch on, which would see the telemetry's own calls. */
const INSTRUMENTED = 'http,undici,net,dns,aws-sdk';

/** Names of the calls the telemetry makes on its own behalf. */
const OWN_CALL_NAME = /PutLogEvents|DescribeLogStreams|CreateLogStream|GetSamplingRules|SamplingTargets|api\/1\/item/i;

/** The part of the collector's `/api/stats` read here. */
interface CollectorStats {
  protocols: Record<string, { accepted: number }>;
}

/** What a span or an X-Ray document says about the telemetry's own calls, if anything. */
function ownCallIn(item: object, collector: CollectorProcess): string | undefined {
  const text = JSON.stringify(item);
  const ports = [collector.httpPort, collector.daemonPort];
  const attributes = (item as { attributes?: Record<string, unknown> }).attributes ?? {};
  for (const [key, value] of Object.entries(attributes)) {
    if (/port$/.test(key) && ports.includes(Number(value))) return `${key} = ${String(value)}`;
    if (key === 'rpc.service' && /cloudwatch/i.test(String(value))) return `${key} = ${String(value)}`;
  }
  for (const port of ports) if (text.includes(`:${port}`)) return `an address with port ${port}`;
  const name = (item as { name?: string }).name ?? '';
  if (OWN_CALL_NAME.test(name)) return `named ${name}`;
  return undefined;
}

describe("telemetry's own calls are not traced (all of http, undici, net, dns and aws-sdk instrumented)", () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    // Every request sampled, and a rule whose statistics the samplers report (SamplingTargets).
    const xray = new XRayClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await xray.send(
      new CreateSamplingRuleCommand({
        SamplingRule: {
          RuleName: 'Everything',
          ResourceARN: '*',
          Priority: 1,
          FixedRate: 1,
          ReservoirSize: 100,
          ServiceName: '*',
          ServiceType: '*',
          Host: '*',
          HTTPMethod: '*',
          URLPath: '*',
          Version: 1,
        },
      }),
    );
    xray.destroy();
    suite = await Suite.start(
      {
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: INSTRUMENTED,
        OTEL_TRACES_SAMPLER: 'xray',
        ROLLBAR_ACCESS_TOKEN: 'local-token',
        CLOUDWATCH_UPLOAD_INTERVAL_MS: '200',
        // A share of activities' handler calls fail: their errors are reported to Rollbar.
        ACTIVITIES_FAULT_ERROR_RATE: '0.3',
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it(`after ${REQUESTS} requests, every span and every X-Ray document at the collector belongs to one of them`, async () => {
    const routes: Array<{ path: string; init?: RequestInit }> = [
      { path: '/api/activities/home' },
      { path: '/api/activities/notifications' },
      { path: '/rollbar/test' }, // reports a warning to Rollbar
      { path: '/api/activities/search?term=cloud' },
      // 422: logged, not reported
      {
        path: '/api/activities',
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
      },
    ];
    const ours = new Set<string>();
    const sampled: string[] = [];
    // Until the gateway's sampler holds the fetched rules, the local default rule (1/s + 5 %) decides:
    // warm up until two requests in a row are sampled. Their traces are the suite's too.
    const warmUp = await eventually(async () => {
      const pair = [];
      for (let k = 0; k < 2; k += 1) {
        const response = await fetch(`${suite.baseUrl}/api/health-check`);
        await response.arrayBuffer();
        pair.push(traceIdOf(response.headers));
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
      for (const { traceId, sampled: isSampled } of pair) {
        ours.add(traceId);
        if (isSampled) sampled.push(traceId);
      }
      return pair.every((ids) => ids.sampled) ? ours.size : undefined;
    }, 20_000);
    const statuses: Record<number, number> = {};
    const started = Date.now();
    for (let i = 0; i < REQUESTS; i += 1) {
      const route = routes[i % routes.length];
      const response = await fetch(`${suite.baseUrl}${route.path}`, route.init);
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      const { traceId, sampled: isSampled } = traceIdOf(response.headers);
      ours.add(traceId);
      if (isSampled) sampled.push(traceId);
      const due = started + ((i + 1) / REQUESTS) * SPREAD_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    expect(ours.size).toBe(warmUp + REQUESTS);

    // What the telemetry sent on its own behalf reached the collector (so its calls did happen).
    const stats = await eventually(async () => {
      const { protocols } = (await request<CollectorStats>(`${collector.url}/api/stats`)).body;
      return protocols.rollbar?.accepted > 0 && protocols.cloudwatch_logs?.accepted > 0 ? protocols : undefined;
    }, 10_000);
    const traces: CollectedTrace[] = [];
    for (const traceId of sampled) traces.push(await settledTrace(collector.url, traceId, 1, 15_000));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // uploads and polls after the last request

    const { body: held } = await request<Array<{ traceId: string }>>(`${collector.url}/api/traces?limit=1000`);
    const strangers = held.map((line) => line.traceId).filter((traceId) => !ours.has(traceId));
    const ownCalls: string[] = [];
    for (const traceId of held.map((line) => line.traceId)) {
      const { body } = await request<CollectedTrace>(`${collector.url}/api/traces/${traceId}`);
      for (const span of body.spans) {
        const found = ownCallIn(span, collector);
        if (found) ownCalls.push(`span ${span.serviceName} ${span.name}: ${found}`);
      }
      for (const { doc } of flattenSegments(body.segments)) {
        const found = ownCallIn(doc, collector);
        if (found) ownCalls.push(`document ${doc.name}: ${found}`);
      }
    }
    const after = (await request<CollectorStats>(`${collector.url}/api/stats`)).body.protocols;
    console.log(
      `telemetry-own-calls: ${warmUp} warm-up + ${REQUESTS} requests (${JSON.stringify(statuses)}), ` +
        `${sampled.length} sampled, ` +
        `${traces.reduce((n, trace) => n + trace.spans.length, 0)} spans and ` +
        `${traces.reduce((n, trace) => n + flattenSegments(trace.segments).length, 0)} documents in their traces; ` +
        `collector: ${held.length} traces held, rollbar ${after.rollbar?.accepted}, cloudwatch_logs ${after.cloudwatch_logs?.accepted}, ` +
        `xray_sampling ${after.xray_sampling?.accepted} (${stats.xray_sampling?.accepted} when the first items arrived); ` +
        `${strangers.length} traces not ours, ${ownCalls.length} own-call spans/documents`,
    );

    expect(strangers).toEqual([]);
    expect(ownCalls).toEqual([]);
    // The polls happened: each of the three services fetched its rules, and the gateway (the only one
    // sampling roots: the others follow their caller's decision) reported its statistics.
    expect(after.xray_sampling?.accepted).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
