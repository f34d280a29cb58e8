import type { TraceLookupAnswer } from '../apps/gateway/src/trace-lookup/trace-lookup.service';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';
import { freePort } from './support/ports';
import { ServiceProcess } from './support/service-process';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

/** What the gateway answers: the app's own type, so the test and the code cannot drift apart. */
type LookupAnswer = TraceLookupAnswer;

const EXPLORER = 'http://explorer.example:4318';

describe('GET /api/traces/:traceId on the gateway (GATEWAY_TRACE_LOOKUP=1): a client looks up its own trace', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  let notificationsFaults = '';
  const lookUp = (id: string) => request<LookupAnswer>(`${suite.baseUrl}/api/traces/${id}`);

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    const adminPort = await freePort();
    notificationsFaults = `http://127.0.0.1:${adminPort}/faults`;
    suite = await Suite.start(
      {
        GATEWAY_TRACE_LOOKUP: '1',
        GATEWAY_TRACE_EXPLORER_URL: EXPLORER,
        FAULTS_ADMIN: '1',
        NOTIFICATIONS_FAULTS_ADMIN_PORT: String(adminPort),
        GATEWAY_FAULTS_ADMIN_PORT: String(await freePort()),
        ACTIVITIES_FAULTS_ADMIN_PORT: String(await freePort()),
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('answers the summary of a trace across the three services, as the collector holds it, with its links', async () => {
    const response = await fetch(`${suite.baseUrl}/api/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
    });
    expect(response.status).toBe(201);
    const { traceId } = traceIdOf(response.headers);
    const trace = await settledTrace(collector.url, traceId, 10);

    const { status, body } = await lookUp(traceId);
    expect(status).toBe(200);
    const xrayTraceId = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
    expect(body).toEqual({
      traceId,
      xrayTraceId,
      links: { explorer: `${EXPLORER}/#/trace/${traceId}`, api: `${EXPLORER}/api/traces/${traceId}` },
      awsCli: `aws --endpoint-url ${EXPLORER} xray batch-get-traces --trace-ids ${xrayTraceId}`,
      summary: {
        root: 'POST /api/activities',
        services: ['activities', 'gateway', 'notifications'],
        spans: trace.spans.length,
        segments: trace.spans.length,
        durationMs: expect.any(Number) as number,
        httpStatus: 201,
        health: 'ok',
        errors: [],
      },
    });
    // The X-Ray form of the id, as X-Amzn-Trace-Id gives it, and upper-case hex name the same trace.
    expect((await lookUp(xrayTraceId)).body.summary?.spans).toBe(trace.spans.length);
    expect((await lookUp(traceId.toUpperCase())).body.traceId).toBe(traceId);
  });

  it('lists the spans that failed, with their service and message', async () => {
    const put = await request(notificationsFaults, { method: 'PUT', body: { error_rate: 1 } });
    expect(put.status).toBe(200);
    const response = await fetch(`${suite.baseUrl}/api/activities/notifications`);
    await request(notificationsFaults, { method: 'PUT', body: { error_rate: 0 } });
    expect(response.status).toBe(502);
    const { traceId } = traceIdOf(response.headers);
    await settledTrace(collector.url, traceId, 3);
    const { body } = await lookUp(traceId);
    expect(body.summary?.httpStatus).toBe(502);
    expect(body.summary?.errors).toEqual(
      expect.arrayContaining([
        { service: 'notifications', span: 'NotificationsController.list', message: 'Injected fault: error (rate 1)' },
      ]),
    );
  });

  it('says when the collector has no such trace, and refuses what is not a trace id', async () => {
    const unknown = await lookUp('6b0f0000000000000000000000000001');
    expect(unknown.status).toBe(200);
    expect(unknown.body.summary).toBeNull();
    expect(unknown.body.note).toMatch(/the collector has no such trace/);
    for (const id of ['not-a-trace', '0'.repeat(32), '1-6b0f0000-00000000000000000000000z', 'a'.repeat(33)]) {
      const { status, body } = await request<{ message: string }>(`${suite.baseUrl}/api/traces/${id}`);
      expect([id, status]).toEqual([id, 400]);
      expect(body.message).toMatch(/^traceId must be 32 hex digits/);
    }
  });
});

describe('GET /api/traces/:traceId without the collector', () => {
  const startGateway = async (env: Record<string, string>) => {
    const port = await freePort();
    const nowhere = await freePort();
    const gateway = new ServiceProcess(
      'gateway',
      {
        GATEWAY_PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${nowhere}`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${nowhere}`,
        CLOUDWATCH_LOGS_ENABLED: 'false',
        COLLECTOR_URL: `http://127.0.0.1:${await freePort()}`,
        ...env,
      },
      [port],
    );
    await gateway.start();
    return { gateway, url: `http://127.0.0.1:${port}` };
  };

  it('is not served unless GATEWAY_TRACE_LOOKUP=1: 404', async () => {
    const { gateway, url } = await startGateway({});
    try {
      expect((await request(`${url}/api/traces/6b0f0000000000000000000000000001`)).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });

  it('when the spans go elsewhere than the collector, answers where to look in X-Ray, and no summary', async () => {
    const { gateway, url } = await startGateway({ GATEWAY_TRACE_LOOKUP: '1', AWS_REGION: 'eu-west-1' });
    try {
      const id = '6b0f0000000000000000000000000001';
      const { status, body } = await request<LookupAnswer>(`${url}/api/traces/${id}`);
      expect(status).toBe(200);
      expect(body.links).toEqual({
        xrayConsole: `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/1-6b0f0000-000000000000000000000001`,
      });
      expect(body.awsCli).toBe(
        'aws xray batch-get-traces --region eu-west-1 --trace-ids 1-6b0f0000-000000000000000000000001',
      );
      expect(body.summary).toBeNull();
    } finally {
      await gateway.stop();
    }
  });
});
