import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { Activity, NotificationWithActivity } from '@app/contracts';
import { type ErrorBody, eventually, request } from './support/http';
import { freePort } from './support/ports';
import { ServiceProcess } from './support/service-process';
import { Suite } from './support/suite';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

describe('a dependency that goes down and comes back', () => {
  let suite: Suite;
  const url = (path: string) => `${suite.baseUrl}${path}`;

  beforeAll(async () => {
    suite = await Suite.start();
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('notifications down: its endpoints answer 503 within 3 s naming it, the rest works, and it recovers', async () => {
    expect(await suite.services.notifications.stop()).toBe(0);

    const down = await request<ErrorBody>(url('/api/activities/notifications'));
    expect(down.status).toBe(503);
    expect(down.elapsedMs).toBeLessThan(3000);
    expect(down.body.dependency).toBe('notifications');
    expect(down.body.message).toMatch(/notifications is unavailable/);

    const ready = await request<ErrorBody>(url('/api/health-check/ready'));
    expect(ready.status).toBe(503);
    expect(ready.body.failing).toEqual(['notifications']);

    // The gateway is up, and paths that do not use notifications are unaffected.
    expect((await request(url('/api/health-check'))).status).toBe(200);
    expect((await request(url('/api/activities/home'))).status).toBe(200);

    // An activity is still created when its mention event cannot be delivered.
    const created = await request<Activity>(url('/api/activities'), {
      body: { handle: 'worf', message: 'while you were out, @garek', ttl: '1-hour' },
    });
    expect(created.status).toBe(201);

    // A reply needs the acknowledgement: it fails with 503 and is not kept.
    const message = `unacknowledged reply ${Date.now()}`;
    const reply = await request<ErrorBody>(url(`/api/activities/${CLOUD_IS_FUN}/reply`), {
      body: { handle: 'garek', message },
    });
    expect(reply.status).toBe(503);
    expect(reply.body.message).toMatch(/notifications is unavailable/);
    const activity = await request<Activity>(url(`/api/activities/${CLOUD_IS_FUN}`));
    expect(activity.body.replies.map((r) => r.message)).not.toContain(message);

    await suite.services.notifications.start();
    // The very next call succeeds: the gateway's TCP client reconnects by itself.
    const back = await request<NotificationWithActivity[]>(url('/api/activities/notifications'));
    expect(back.status).toBe(200);
    expect(back.body.map((n) => n.message)).toContain('I am white unicorn');
    const readyAgain = await request(url('/api/health-check/ready'));
    expect(readyAgain.status).toBe(200);
    // And activities' TCP client to notifications reconnects too.
    const acknowledged = await request(url(`/api/activities/${CLOUD_IS_FUN}/reply`), {
      body: { handle: 'garek', message: 'back again' },
    });
    expect(acknowledged.status).toBe(201);
  });

  it('activities down: every endpoint that needs it answers 503 within 3 s naming it, and it recovers', async () => {
    expect(await suite.services.activities.stop()).toBe(0);

    for (const path of ['/api/activities/home', `/api/activities/${CLOUD_IS_FUN}`, '/api/activities/@worf']) {
      const down = await request<ErrorBody>(url(path));
      expect(down.status).toBe(503);
      expect(down.elapsedMs).toBeLessThan(3000);
      expect(down.body.dependency).toBe('activities');
    }
    // Notifications is up but cannot join its activities: the 503 says which service is missing.
    const viaNotifications = await request<ErrorBody>(url('/api/activities/notifications'));
    expect(viaNotifications.status).toBe(503);
    expect(viaNotifications.elapsedMs).toBeLessThan(3000);
    expect(viaNotifications.body.dependency).toBe('activities');
    expect(viaNotifications.body.message).toMatch(/via notifications: activities is unavailable/);

    const ready = await request<ErrorBody>(url('/api/health-check/ready'));
    expect(ready.status).toBe(503);
    expect(ready.body.failing).toEqual(['activities']);
    expect((await request(url('/api/health-check'))).status).toBe(200);

    await suite.services.activities.start();
    const home = await request<Activity[]>(url('/api/activities/home'));
    expect(home.status).toBe(200);
    expect(home.body.map((a) => a.message)).toContain('Cloud is very fun!');
    const notifications = await request(url('/api/activities/notifications'));
    expect(notifications.status).toBe(200);

    // Notifications' TCP client to activities reconnects as well: a mention is resolved and notified.
    const created = await request<Activity>(url('/api/activities'), {
      body: { handle: 'worf', message: 'welcome back, @garek', ttl: '1-hour' },
    });
    expect(created.status).toBe(201);
    await eventually(async () => {
      const { body } = await request<NotificationWithActivity[]>(url('/api/activities/notifications?handle=garek'));
      return body.find((n) => n.activity_uuid === created.body.uuid);
    });
  });
});

describe('a dependency that accepts connections but never answers', () => {
  let httpHole: HttpServer;
  let tcpHole: TcpServer;
  const sockets = new Set<Socket>();
  let gateway: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    httpHole = createHttpServer(() => undefined);
    tcpHole = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => httpHole.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => tcpHole.listen(0, '127.0.0.1', resolve));
    const httpPort = (httpHole.address() as { port: number }).port;
    const tcpPort = (tcpHole.address() as { port: number }).port;
    port = await freePort();
    gateway = new ServiceProcess(
      'gateway',
      {
        GATEWAY_PORT: String(port),
        ACTIVITIES_URL: `http://127.0.0.1:${httpPort}`,
        NOTIFICATIONS_TCP_ADDRESS: `127.0.0.1:${tcpPort}`,
        DEPENDENCY_TIMEOUT_MS: '400',
      },
      [port],
    );
    await gateway.start();
  });

  afterAll(async () => {
    expect(await gateway?.stop()).toBe(0);
    httpHole?.closeAllConnections();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => httpHole?.close(resolve));
    await new Promise((resolve) => tcpHole?.close(resolve));
  });

  it('answers 504 naming the dependency once the timeout has passed', async () => {
    const home = await request<ErrorBody>(`http://127.0.0.1:${port}/api/activities/home`);
    expect(home.status).toBe(504);
    expect(home.body).toMatchObject({ dependency: 'activities', message: 'activities did not answer within 400 ms' });
    expect(home.elapsedMs).toBeGreaterThanOrEqual(350);
    expect(home.elapsedMs).toBeLessThan(3000);

    const notifications = await request<ErrorBody>(`http://127.0.0.1:${port}/api/activities/notifications`);
    expect(notifications.status).toBe(504);
    expect(notifications.body).toMatchObject({ dependency: 'notifications' });
    expect(notifications.elapsedMs).toBeLessThan(3000);

    const ready = await request<ErrorBody>(`http://127.0.0.1:${port}/api/health-check/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.failing).toEqual(['activities', 'notifications']);
    expect((await request(`http://127.0.0.1:${port}/api/health-check`)).status).toBe(200);
  });
});
