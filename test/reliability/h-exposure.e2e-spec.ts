import path from 'node:path';
import { CollectorProcess } from '../support/collector';
import { freePort } from '../support/ports';
import { type RawResponse, rawRequest } from '../support/raw-http';
import { reportFigures } from '../support/reliability-figures';
import type { ServiceProcess } from '../support/service-process';
import { isLoopback, socketsOf } from '../support/sockets';
import { Suite } from '../support/suite';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
const json = { 'content-type': 'application/json' };

describe('scenario (h): what the suite exposes', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const admin = { gateway: 0, activities: 0, notifications: 0 };
  const figures = {
    listeners: 0,
    loopbackOnly: true,
    httpAnswersChecked: 0,
    xPoweredBy: 0,
    fivexxChecked: 0,
    leaks: 0,
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    admin.gateway = await freePort();
    admin.activities = await freePort();
    admin.notifications = await freePort();
    suite = await Suite.start(
      {
        TRACE_CONTEXT_TEST: '1',
        FAULTS_ADMIN: '1',
        GATEWAY_FAULTS_ADMIN_PORT: String(admin.gateway),
        ACTIVITIES_FAULTS_ADMIN_PORT: String(admin.activities),
        NOTIFICATIONS_FAULTS_ADMIN_PORT: String(admin.notifications),
        DEPENDENCY_TIMEOUT_MS: '500',
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    reportFigures('h-exposure', figures);
    await suite?.stop();
    await collector?.stop();
  });

  it('every listener of every app is bound to loopback, as the kernel lists its sockets', async () => {
    const processes: Array<[string, ServiceProcess, number[]]> = [
      ['gateway', suite.services.gateway, [suite.ports.gateway, admin.gateway]],
      [
        'activities',
        suite.services.activities,
        [suite.ports.activitiesHttp, suite.ports.activitiesTcp, admin.activities],
      ],
      ['notifications', suite.services.notifications, [suite.ports.notificationsTcp, admin.notifications]],
      ['collector', collector.process, [collector.httpPort, collector.daemonPort]],
    ];
    // The faults admin servers start with the app; give them a moment if the app's port was first.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const listeners: string[] = [];
    const exposed: string[] = [];
    const missing: string[] = [];
    for (const [name, service, ports] of processes) {
      const sockets = socketsOf(service.pid!).filter((socket) => socket.listening);
      for (const socket of sockets) {
        const where = `${name} ${socket.protocol} ${socket.address}:${socket.port}`;
        listeners.push(where);
        if (!isLoopback(socket.address)) exposed.push(where);
      }
      for (const port of ports) {
        if (!sockets.some((socket) => socket.port === port && socket.protocol.startsWith('tcp')))
          missing.push(`${name} tcp ${port}`);
      }
    }
    // The X-Ray daemon's UDP port, beside the sampling proxy's TCP one.
    if (!listeners.some((where) => where.startsWith('collector udp') && where.endsWith(`:${collector.daemonPort}`)))
      missing.push(`collector udp ${collector.daemonPort}`);
    figures.listeners = listeners.length;
    figures.loopbackOnly = exposed.length === 0;
    expect(missing).toEqual([]);
    expect(exposed).toEqual([]);
  });

  it('no answer carries X-Powered-By: gateway, activities, collector, faults admin; successes and errors alike', async () => {
    const gateway = suite.baseUrl;
    const activities = `http://127.0.0.1:${suite.ports.activitiesHttp}`;
    const exchanges: Array<[string, () => Promise<RawResponse>]> = [
      ['gateway 200', () => rawRequest(`${gateway}/api/activities/home`)],
      ['gateway text 200', () => rawRequest(`${gateway}/rollbar/test`)],
      ['gateway 404', () => rawRequest(`${gateway}/nowhere`)],
      ['gateway 400', () => rawRequest(`${gateway}/api/activities`, { method: 'POST', headers: json, body: '{' })],
      ['gateway 415', () => rawRequest(`${gateway}/api/activities`, { method: 'POST', body: 'x' })],
      ['gateway 422', () => rawRequest(`${gateway}/api/activities`, { method: 'POST', headers: json, body: '{}' })],
      ['activities 200', () => rawRequest(`${activities}/activities/home`)],
      ['activities 404', () => rawRequest(`${activities}/nowhere`)],
      ['collector page', () => rawRequest(`${collector.url}/`)],
      ['collector read API', () => rawRequest(`${collector.url}/api/traces`)],
      ['collector 404', () => rawRequest(`${collector.url}/nowhere`)],
      [
        'collector OTLP 400',
        () => rawRequest(`${collector.url}/v1/traces`, { method: 'POST', headers: json, body: '[]' }),
      ],
      ['faults admin 200', () => rawRequest(`http://127.0.0.1:${admin.gateway}/faults`)],
      ['faults admin 404', () => rawRequest(`http://127.0.0.1:${admin.gateway}/nowhere`)],
    ];
    const seen: Record<string, unknown> = {};
    for (const [label, exchange] of exchanges) seen[label] = (await exchange()).headers['x-powered-by'] ?? null;
    figures.httpAnswersChecked += exchanges.length;
    figures.xPoweredBy = Object.values(seen).filter((value) => value !== null).length;
    expect(seen).toEqual(Object.fromEntries(exchanges.map(([label]) => [label, null])));
  });

  /** What a 5xx body must not show: stack frames, file paths, addresses and ports inside the deployment. */
  function leaks(body: string): string[] {
    const ports = [...Object.values(suite.ports), ...Object.values(admin), collector.httpPort].map(String);
    const patterns: Array<[string, RegExp]> = [
      ['a stack frame', /\bat [^\n]*:\d+:\d+|\n\s+at /],
      ["the project's path", new RegExp(path.resolve(__dirname, '..', '..').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
      ['a built file', /\/dist\/|\.js\b|node:internal|file:\/\//],
      ['a loopback address', /127\.0\.0\.1|localhost|::1/],
      ['a service port', new RegExp(`\\b(${ports.join('|')})\\b`)],
    ];
    return patterns.filter(([, pattern]) => pattern.test(body)).map(([what]) => what);
  }

  async function expectCleanFailure(label: string, exchange: Promise<RawResponse>, status: number): Promise<void> {
    const response = await exchange;
    figures.fivexxChecked++;
    expect({ label, status: response.status }).toEqual({ label, status });
    expect(() => JSON.parse(response.body)).not.toThrow();
    expect(response.headers['x-powered-by']).toBeUndefined();
    const found = leaks(response.body);
    figures.leaks += found.length;
    expect({ label, leaks: found }).toEqual({ label, leaks: [] });
  }

  const setFaults = async (port: number, faults: Record<string, unknown>) => {
    const response = await rawRequest(`http://127.0.0.1:${port}/faults`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify(faults),
    });
    expect(response.status).toBe(200);
  };

  it('a handler that fails (500), a failing dependency (502), a silent one (504): the bodies show none of it', async () => {
    await setFaults(admin.gateway, { error_rate: 1 });
    try {
      await expectCleanFailure('gateway handler, 500', rawRequest(`${suite.baseUrl}/api/activities/home`), 500);
    } finally {
      await setFaults(admin.gateway, { error_rate: 0 });
    }
    // The gateway lets the URL through (it starts with http://), notifications' URL parser throws a TypeError.
    const response = rawRequest(`${suite.baseUrl}/test`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify([{ url: 'http://[', arguments: [] }]),
    });
    await expectCleanFailure('/test, 502', response, 502);
    expect(JSON.parse((await response).body)).toMatchObject({
      dependency: 'notifications',
      message: 'notifications failed: Internal server error',
    });
    expect(suite.services.notifications.logs).toMatch(/TypeError: Invalid URL/); // the stack went to the log
    await setFaults(admin.notifications, { drop_reply_rate: 1 });
    try {
      await expectCleanFailure(
        'notifications never answers, 504',
        rawRequest(`${suite.baseUrl}/api/activities/notifications`),
        504,
      );
    } finally {
      await setFaults(admin.notifications, { drop_reply_rate: 0 });
    }
  });

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
      await expectCleanFailure(
        'a reply, via activities',
        rawRequest(`${gateway}/api/activities/${CLOUD_IS_FUN}/reply`, { method: 'POST', headers: json, body: reply }),
        503,
      );
      await expectCleanFailure('readiness', rawRequest(`${gateway}/api/health-check/ready`), 503);
    } finally {
      await suite.services.notifications.start();
    }
  });
});
