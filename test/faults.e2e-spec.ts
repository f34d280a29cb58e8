import { connect } from 'node:net';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { GetTraceSummariesCommand, XRayClient } from '@aws-sdk/client-xray';
import { launchBrowser } from './support/browser';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { freePort } from './support/ports';
import { ServiceProcess } from './support/service-process';
import { Suite } from './support/suite';
import { type CollectedSpan, type CollectedTrace, flattenSegments, settledTrace, traceIdOf } from './support/traces';

/** The `fault.injected` events of a trace's spans, with the span they are on. */
function injectedFaults(trace: CollectedTrace): Array<{ span: CollectedSpan; kind: unknown; value: unknown }> {
  return trace.spans.flatMap((span) =>
    span.events
      .filter((event) => event.name === 'fault.injected')
      .map((event) => ({ span, kind: event.attributes['fault.kind'], value: event.attributes['fault.value'] })),
  );
}

/** The X-Ray document mirroring a span. */
function documentOf(trace: CollectedTrace, spanId: string) {
  const found = flattenSegments(trace.segments).find(({ doc }) => doc.id === spanId);
  if (!found) throw new Error(`no X-Ray document for span ${spanId}`);
  return found.doc;
}

const durationMs = (span: CollectedSpan & { startTimeUnixNano?: string; endTimeUnixNano?: string }) =>
  (Number(span.endTimeUnixNano) - Number(span.startTimeUnixNano)) / 1e6;

/** Whether anything accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('fault switches, set by environment at start', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const adminPorts: Record<string, number> = {};
  let latencyTraceId = '';

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    for (const service of ['GATEWAY', 'ACTIVITIES', 'NOTIFICATIONS']) adminPorts[service] = await freePort();
    suite = await Suite.start(
      {
        ACTIVITIES_FAULT_LATENCY_MS: '200',
        NOTIFICATIONS_FAULT_ERROR_RATE: '1',
        // The admin ports are set, but FAULTS_ADMIN is not: no admin endpoint.
        ...Object.fromEntries(
          Object.entries(adminPorts).map(([service, port]) => [`${service}_FAULTS_ADMIN_PORT`, String(port)]),
        ),
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('ACTIVITIES_FAULT_LATENCY_MS=200: home takes 200 ms more, on the activities spans, marked fault.injected in both views', async () => {
    const response = await fetch(`${suite.baseUrl}/api/activities/home`);
    expect(response.status).toBe(200);
    latencyTraceId = traceIdOf(response.headers).traceId;
    const trace = await settledTrace(collector.url, latencyTraceId, 4);

    const faults = injectedFaults(trace);
    expect(faults).toHaveLength(1);
    const [{ span, kind, value }] = faults;
    expect({ kind, value, service: span.serviceName, name: span.name }).toEqual({
      kind: 'latency',
      value: 200,
      service: 'activities',
      name: 'ActivitiesController.home',
    });
    expect(durationMs(span)).toBeGreaterThanOrEqual(199);
    // The delay shows on every span above it too: activities' server span and the gateway's.
    const servers = trace.spans.filter((other) => other.kind === 'SERVER');
    expect(servers.map((server) => server.serviceName).sort()).toEqual(['activities', 'gateway']);
    for (const server of servers) expect(durationMs(server)).toBeGreaterThanOrEqual(199);

    const document = documentOf(trace, span.spanId);
    expect(document.annotations?.fault_injected).toBe('latency');
    expect(document.metadata?.default?.fault_injected).toEqual([{ kind: 'latency', value: 200 }]);
    expect(document.end_time! - document.start_time).toBeGreaterThanOrEqual(0.199);
  });

  it('the trace explorer marks the injected fault on its row, in both waterfalls', async () => {
    expect(latencyTraceId).not.toBe('');
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${collector.url}/#/trace/${latencyTraceId}`);
      const otel = page.locator('[data-testid="waterfall-otel"] [data-testid="span-row"]', {
        has: page.locator('[data-testid="fault-mark"]'),
      });
      const xray = page.locator('[data-testid="waterfall-xray"] [data-testid="span-row"]', {
        has: page.locator('[data-testid="fault-mark"]'),
      });
      await otel.first().waitFor();
      await page.getByTestId('layout-both').click();
      await xray.first().waitFor();
      expect(await otel.count()).toBe(1);
      expect(await otel.getAttribute('data-service')).toBe('activities');
      expect(await otel.locator('.wf-name').textContent()).toBe('ActivitiesController.home');
      expect(await otel.locator('[data-testid="fault-mark"]').textContent()).toContain('latency 200');
      expect(await xray.count()).toBe(1);
      expect(await xray.getAttribute('data-span-id')).toBe(await otel.getAttribute('data-span-id'));
      expect(await xray.locator('[data-testid="fault-mark"]').textContent()).toContain('latency 200');
      const screenshots = path.resolve(__dirname, '..', 'test-output/screenshots');
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: path.join(screenshots, 'fault.png') });
    } finally {
      await browser.close();
    }
  });

  it('NOTIFICATIONS_FAULT_ERROR_RATE=1: notifications answers a 5xx, its trace shows the injected error in both views', async () => {
    const response = await fetch(`${suite.baseUrl}/api/activities/notifications`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as ErrorBody).dependency).toBe('notifications');
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 3);

    const faults = injectedFaults(trace);
    expect(faults.map(({ kind, span }) => [kind, span.serviceName, span.name])).toEqual([
      ['error', 'notifications', 'NotificationsController.list'],
    ]);
    const { span } = faults[0];
    expect(span.status.code).toBe('ERROR');
    expect(span.status.message).toBe('Injected fault: error (rate 1)');
    expect(span.attributes['cruddur.rpc.status_code']).toBe(500);

    const document = documentOf(trace, span.spanId);
    expect(document.annotations?.fault_injected).toBe('error');
    expect(document.metadata?.default?.fault_injected).toEqual([{ kind: 'error', value: 1 }]);
    expect(document.fault).toBe(true);
    expect(document.cause?.exceptions?.[0]?.message).toBe('Injected fault: error (rate 1)');
    // The X-Ray API, through AWS's own client, finds the trace by the annotation.
    const xray = new XRayClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { TraceSummaries = [] } = await xray.send(
      new GetTraceSummariesCommand({
        StartTime: new Date(Date.now() - 120_000),
        EndTime: new Date(Date.now() + 60_000),
        FilterExpression: 'annotation.fault_injected = "error"',
      }),
    );
    expect(TraceSummaries.map((summary) => summary.Id)).toContain(trace.xrayTraceId);
  });

  it('health checks get no faults: the readiness check passes while both services have faults on', async () => {
    const { status, body } = await request<{ ready: boolean }>(`${suite.baseUrl}/api/health-check/ready`);
    expect({ status, ready: body.ready }).toEqual({ status: 200, ready: true });
  });

  it('without FAULTS_ADMIN=1 no service serves the admin endpoint, and the gateway has no /faults route', async () => {
    for (const [service, port] of Object.entries(adminPorts)) {
      expect([service, await accepts(port)]).toEqual([service, false]);
    }
    for (const path of ['/faults', '/api/faults']) {
      expect((await request(`${suite.baseUrl}${path}`)).status).toBe(404);
    }
  });
});

describe('fault switches at run time: the admin endpoint (FAULTS_ADMIN=1) and the drop-reply fault', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const admin: Record<string, string> = {};

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    const env: Record<string, string> = {
      FAULTS_ADMIN: '1',
      NOTIFICATIONS_FAULT_DROP_REPLY_RATE: '1',
      DEPENDENCY_TIMEOUT_MS: '600',
    };
    for (const service of ['gateway', 'activities', 'notifications']) {
      const port = await freePort();
      env[`${service.toUpperCase()}_FAULTS_ADMIN_PORT`] = String(port);
      admin[service] = `http://127.0.0.1:${port}/faults`;
    }
    suite = await Suite.start(env, { otlpUrl: collector.url, daemonAddress: collector.daemonAddress });
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('NOTIFICATIONS_FAULT_DROP_REPLY_RATE=1: the reply never comes, the gateway answers 504 after its timeout', async () => {
    const started = performance.now();
    const response = await fetch(`${suite.baseUrl}/api/activities/notifications`);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(504);
    expect(((await response.json()) as ErrorBody).dependency).toBe('notifications');
    expect(elapsed).toBeGreaterThanOrEqual(590);

    // The handler ran and its span ended, marked: the trace says the reply was dropped on purpose.
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 4);
    const faults = injectedFaults(trace);
    expect(faults.map(({ kind, value, span }) => [kind, value, span.serviceName])).toEqual([
      ['drop_reply', 1, 'notifications'],
    ]);
    expect(documentOf(trace, faults[0].span.spanId).annotations?.fault_injected).toBe('drop_reply');
  });

  it('GET /faults shows the switches, PUT /faults changes them at once', async () => {
    const before = await request<Record<string, unknown>>(admin.notifications);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      service: 'notifications',
      faults: { latency_ms: null, error_rate: 0, drop_reply_rate: 1, cpu_ms: null },
      schedule: { mode: 'off' },
    });
    expect((before.body.injected as Record<string, number>).drop_reply).toBeGreaterThanOrEqual(1);

    const put = await request<Record<string, unknown>>(admin.notifications, {
      method: 'PUT',
      body: { drop_reply_rate: 0, latency_ms: '50-60' },
    });
    expect(put.status).toBe(200);
    expect(put.body.faults).toEqual({ latency_ms: '50-60', error_rate: 0, drop_reply_rate: 0, cpu_ms: null });

    const response = await fetch(`${suite.baseUrl}/api/activities/notifications`);
    expect(response.status).toBe(200);
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 4);
    const faults = injectedFaults(trace);
    expect(faults.map(({ kind, span }) => [kind, span.serviceName])).toEqual([['latency', 'notifications']]);
    expect(faults[0].value).toBeGreaterThanOrEqual(50);
    expect(faults[0].value).toBeLessThanOrEqual(60);
  });

  it('PUT /faults refuses what it cannot use, with a message naming the problem, and changes nothing then', async () => {
    const cases: Array<[string, RequestInit, number, RegExp]> = [
      [admin.activities, json({ error_rate: 2 }), 400, /error_rate must be a number from 0 to 1, got "2"/],
      [admin.activities, json({ latency_ms: '400-100' }), 400, /latency_ms must be milliseconds/],
      [admin.activities, json({ latency: 5 }), 400, /unknown field "latency"; the fields are latency_ms, error_rate/],
      [admin.gateway, json({ drop_reply_rate: 1 }), 400, /unknown field "drop_reply_rate"/],
      [admin.activities, json([1]), 400, /must be a JSON object/],
      [
        admin.activities,
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{' },
        400,
        /not valid JSON/,
      ],
      [
        admin.activities,
        { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' },
        415,
        /application\/json/,
      ],
      [admin.activities, json({ cpu_ms: 'x'.repeat(20_000) }), 413, /at most 16384 bytes/],
      [admin.activities, { method: 'DELETE' }, 405, /use GET or PUT/],
      [admin.activities.replace('/faults', '/other'), { method: 'GET' }, 404, /GET and PUT \/faults/],
    ];
    for (const [url, init, status, message] of cases) {
      const response = await fetch(url, init);
      const body = (await response.json()) as { message: string };
      expect([url, init.body?.toString().slice(0, 40), response.status, body.message]).toEqual([
        url,
        init.body?.toString().slice(0, 40),
        status,
        expect.stringMatching(message),
      ]);
    }
    const { body } = await request<{ faults: unknown }>(admin.activities);
    expect(body.faults).toEqual({ latency_ms: null, error_rate: 0, drop_reply_rate: 0, cpu_ms: null });
  });

  it('the admin endpoint listens on 127.0.0.1 only and is not a route of the gateway', async () => {
    expect(suite.services.gateway.logs).toMatch(/faults admin endpoint on http:\/\/127\.0\.0\.1:\d+\/faults/);
    for (const method of ['GET', 'PUT']) {
      const response = await fetch(`${suite.baseUrl}/faults`, { method, ...(method === 'PUT' ? json({}) : {}) });
      expect(response.status).toBe(404);
    }
    const gateway = await request<{ service: string; faults: unknown }>(admin.gateway);
    expect(gateway.body).toMatchObject({
      service: 'gateway',
      faults: { latency_ms: null, error_rate: 0, cpu_ms: null },
    });
  });
});

describe('the random fault schedule (FAULTS_SCHEDULE=random)', () => {
  it('starts with the seed given, says how to replay it, and shows its next change at the admin endpoint', async () => {
    const [tcpPort, adminPort, nowhere] = [await freePort(), await freePort(), await freePort()];
    const started = Date.now();
    const notifications = new ServiceProcess(
      'notifications',
      {
        NOTIFICATIONS_TCP_PORT: String(tcpPort),
        NOTIFICATIONS_FAULTS_ADMIN_PORT: String(adminPort),
        FAULTS_ADMIN: '1',
        FAULTS_SCHEDULE: 'random',
        FAULTS_SEED: '42',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${nowhere}`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${nowhere}`,
        CLOUDWATCH_LOGS_ENABLED: 'false',
      },
      [tcpPort, adminPort],
    );
    await notifications.start();
    try {
      expect(notifications.logs).toContain('fault schedule: random, seed 42 (FAULTS_SEED=42 replays it)');
      const { body } = await request<{
        schedule: { mode: string; seed: number; current: unknown; next_change_at: string };
      }>(`http://127.0.0.1:${adminPort}/faults`);
      expect(body.schedule).toMatchObject({ mode: 'random', seed: 42, current: {} });
      // The first quiet period of the plan: 20 to 60 s from the start.
      const nextChange = Date.parse(body.schedule.next_change_at) - started;
      expect(nextChange).toBeGreaterThan(15_000);
      expect(nextChange).toBeLessThanOrEqual(61_000 + (Date.now() - started));
    } finally {
      await notifications.stop();
    }
  });
});

function json(body: unknown): RequestInit {
  return { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
