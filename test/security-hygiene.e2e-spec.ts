import path from 'node:path';
import { ClientTCP } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { NotificationsPattern } from '@app/contracts';
import { CollectorProcess } from './support/collector';
import { freePort } from './support/ports';
import { type RawResponse, rawRequest } from './support/raw-http';
import { RecordingServer } from './support/recording-server';
import { ServiceProcess } from './support/service-process';
import { Suite } from './support/suite';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one TCP message as any client could, and returns the answer or the error. */
async function sendOverTcp(
  port: number,
  pattern: string,
  payload: unknown,
): Promise<{ answer?: unknown; error?: unknown }> {
  const client = new ClientTCP({ host: '127.0.0.1', port });
  try {
    await client.connect();
    return await lastValueFrom(client.send(pattern, payload)).then(
      (answer: unknown) => ({ answer }),
      (error: unknown) => ({ error }),
    );
  } finally {
    client.close();
  }
}

describe("the W3C test service's forwarder in notifications", () => {
  let harness: RecordingServer;
  const before = process.env.TRACE_CONTEXT_TEST;

  beforeAll(async () => {
    delete process.env.TRACE_CONTEXT_TEST; // the apps inherit this process's environment
    harness = await RecordingServer.start();
  });

  afterAll(async () => {
    if (before !== undefined) process.env.TRACE_CONTEXT_TEST = before;
    await harness?.stop();
  });

  /** Notifications alone, its dependencies and telemetry pointed where nothing listens. */
  async function startNotifications(
    env: Record<string, string>,
  ): Promise<{ notifications: ServiceProcess; port: number }> {
    const port = await freePort();
    const nowhere = `127.0.0.1:${await freePort()}`;
    const notifications = new ServiceProcess(
      'notifications',
      {
        NOTIFICATIONS_TCP_PORT: String(port),
        ACTIVITIES_URL: `http://${nowhere}`,
        ACTIVITIES_TCP_ADDRESS: nowhere,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://${nowhere}`,
        AWS_XRAY_DAEMON_ADDRESS: nowhere,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://${nowhere}`,
        COLLECTOR_URL: `http://${nowhere}`,
        ...env,
      },
      [port],
    );
    await notifications.start();
    return { notifications, port };
  }

  it('does not exist without TRACE_CONTEXT_TEST: a raw TCP client gets an error answer, and no request leaves', async () => {
    const { notifications, port } = await startNotifications({});
    try {
      harness.clear();
      const { answer, error } = await sendOverTcp(port, NotificationsPattern.TraceContextForward, {
        url: `${harness.url}/forged`,
        arguments: [],
      });
      expect(answer).toBeUndefined();
      expect(String(error)).toMatch(/no matching message handler/i);
      // The service still answers what it does have: the error is about the pattern, not the connection.
      expect((await sendOverTcp(port, NotificationsPattern.Health, {})).answer).toEqual({
        status: 'ok',
        service: 'notifications',
      });
      await sleep(500);
      expect(harness.requests).toEqual([]);
    } finally {
      await notifications.stop();
    }
  });

  it('with TRACE_CONTEXT_TEST=1, the same message is forwarded (the test above would see it)', async () => {
    const { notifications, port } = await startNotifications({ TRACE_CONTEXT_TEST: '1' });
    try {
      harness.clear();
      const { answer } = await sendOverTcp(port, NotificationsPattern.TraceContextForward, {
        url: `${harness.url}/forged`,
        arguments: [],
      });
      expect(answer).toEqual({ status: 200 });
      expect(harness.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /forged']);
    } finally {
      await notifications.stop();
    }
  });
});

describe('HTTP answers tell nothing about the inside', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      { TRACE_CONTEXT_TEST: '1' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('no response carries X-Powered-By: gateway, activities, collector, successes and errors alike', async () => {
    const gateway = suite.baseUrl;
    const activities = `http://127.0.0.1:${suite.ports.activitiesHttp}`;
    const json = { 'content-type': 'application/json' };
    const exchanges: Array<[string, Promise<RawResponse>]> = [
      ['gateway 200', rawRequest(`${gateway}/api/activities/home`)],
      ['gateway text 200', rawRequest(`${gateway}/rollbar/test`)],
      ['gateway 404', rawRequest(`${gateway}/nowhere`)],
      ['gateway 400', rawRequest(`${gateway}/api/activities`, { method: 'POST', headers: json, body: '{' })],
      ['gateway 422', rawRequest(`${gateway}/api/activities`, { method: 'POST', headers: json, body: '{}' })],
      ['activities 200', rawRequest(`${activities}/activities/home`)],
      ['activities 404', rawRequest(`${activities}/nowhere`)],
      ['collector page', rawRequest(`${collector.url}/`)],
      ['collector read API', rawRequest(`${collector.url}/api/traces`)],
      ['collector 404', rawRequest(`${collector.url}/nowhere`)],
      ['collector OTLP 400', rawRequest(`${collector.url}/v1/traces`, { method: 'POST', headers: json, body: '[]' })],
    ];
    const seen: Record<string, unknown> = {};
    for (const [label, exchange] of exchanges) seen[label] = (await exchange).headers['x-powered-by'] ?? null;
    expect(seen).toEqual(Object.fromEntries(exchanges.map(([label]) => [label, null])));
  });

  /** What a 5xx body must not show: stack frames, file paths, addresses and ports inside the deployment. */
  function leaks(body: string): string[] {
    const ports = Object.values(suite.ports).map(String);
    const patterns: Array<[string, RegExp]> = [
      ['a stack frame', /\bat [^\n]*:\d+:\d+|\n\s+at /],
      ["the project's path", new RegExp(path.resolve(__dirname, '..').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
      ['a built file', /\/dist\/|\.js\b|node:internal|file:\/\//],
      ['a loopback address', /127\.0\.0\.1|localhost|::1/],
      ['a service port', new RegExp(`\\b(${ports.join('|')})\\b`)],
    ];
    return patterns.filter(([, pattern]) => pattern.test(body)).map(([what]) => what);
  }

  async function expectCleanFailure(label: string, exchange: Promise<RawResponse>, status: number): Promise<void> {
    const response = await exchange;
    expect({ label, status: response.status }).toEqual({ label, status });
    expect(() => JSON.parse(response.body)).not.toThrow();
    expect({ label, leaks: leaks(response.body) }).toEqual({ label, leaks: [] });
  }

  it('a dead dependency: the 503s name it, not where it lives', async () => {
    const gateway = suite.baseUrl;
    await suite.services.activities.stop();
    try {
      await expectCleanFailure('home, over HTTP', rawRequest(`${gateway}/api/activities/home`), 503);
      await expectCleanFailure(
        'notifications, over TCP then HTTP',
        rawRequest(`${gateway}/api/activities/notifications`),
        503,
      );
      await expectCleanFailure('readiness', rawRequest(`${gateway}/api/health-check/ready`), 503);
    } finally {
      await suite.services.activities.start();
    }
    await suite.services.notifications.stop();
    try {
      await expectCleanFailure('notifications, over TCP', rawRequest(`${gateway}/api/activities/notifications`), 503);
      const reply = JSON.stringify({ handle: 'garek', message: 'unheard' });
      const headers = { 'content-type': 'application/json' };
      await expectCleanFailure(
        'a reply, via activities',
        rawRequest(`${gateway}/api/activities/${CLOUD_IS_FUN}/reply`, { method: 'POST', headers, body: reply }),
        503,
      );
      await expectCleanFailure('readiness', rawRequest(`${gateway}/api/health-check/ready`), 503);
    } finally {
      await suite.services.notifications.start();
    }
  });

  it("a handler that fails unexpectedly (a 500 in notifications): the gateway's 502 shows none of it", async () => {
    // The gateway lets the URL through (it starts with http://), notifications' URL parser throws a TypeError.
    const body = JSON.stringify([{ url: 'http://[', arguments: [] }]);
    const response = rawRequest(`${suite.baseUrl}/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await expectCleanFailure('/test', response, 502);
    expect(JSON.parse((await response).body)).toMatchObject({
      dependency: 'notifications',
      message: 'notifications failed: Internal server error',
    });
    // The stack went to the log instead.
    expect(suite.services.notifications.logs).toMatch(/TypeError: Invalid URL/);
  });
});
