import { createServer } from 'node:net';
import type { Activity } from '@app/contracts';
import { type ErrorBody, eventually, request } from './support/http';
import { freePort, isListening } from './support/ports';
import { BANNER, type StartScriptRun, runStartScript as run, startScriptEnv } from './support/start-script';

describe('the start script (npm start)', () => {
  // Whatever a failed test leaves running is stopped, so that it cannot hold ports for the next one.
  const runs: StartScriptRun[] = [];
  const runStartScript = (args: string[], env: Record<string, string>) => {
    const started = run(args, env);
    runs.push(started);
    return started;
  };
  afterEach(async () => {
    for (const started of runs.splice(0)) {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGTERM');
      await started.exit;
    }
  });

  it('starts the whole suite with the collector, prints where each app listens, and stops it all on SIGTERM', async () => {
    const { ports, env } = await startScriptEnv();
    const suite = runStartScript([], env);
    try {
      await eventually(async () => ((await isListening(ports.GATEWAY_PORT)) ? true : undefined), 30_000);
      const home = await eventually(async () => {
        const answer = await request<Activity[]>(`http://127.0.0.1:${ports.GATEWAY_PORT}/api/activities/home`).catch(
          () => undefined,
        );
        return answer?.status === 200 ? answer : undefined;
      }, 10_000);
      expect(home.body.map((a) => a.message)).toEqual([
        'My dear doctor, I am just simple tailor',
        'Cloud is very fun!',
        'I am out of prune juice',
      ]);
      // The services start in waves: the gateway can answer before activities' TCP client reaches notifications
      // (a fresh-clone run got one 503, "notifications is unavailable"), so this waits as the feed's check does.
      const notifications = await eventually(async () => {
        const answer = await request(`http://127.0.0.1:${ports.GATEWAY_PORT}/api/activities/notifications`).catch(
          () => undefined,
        );
        return answer?.status === 200 ? answer : undefined;
      }, 10_000);
      expect(notifications.status).toBe(200);
      expect(suite.output()).toContain(`gateway listening on http://127.0.0.1:${ports.GATEWAY_PORT}`);
      expect(suite.output()).toContain(
        `activities listening on http://127.0.0.1:${ports.ACTIVITIES_HTTP_PORT} (HTTP) and tcp://127.0.0.1:${ports.ACTIVITIES_TCP_PORT} (TCP)`,
      );
      expect(suite.output()).toContain(
        `notifications listening on tcp://127.0.0.1:${ports.NOTIFICATIONS_TCP_PORT} (TCP)`,
      );
      expect(suite.output()).toContain(`collector listening on http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`);
      expect(suite.output()).toContain(`udp://127.0.0.1:${ports.COLLECTOR_XRAY_DAEMON_PORT} (X-Ray daemon)`);
      // The services' telemetry reaches the collector started with them: spans, segments and log lines.
      const stats = await eventually(async () => {
        const { body } = await request<{ protocols: Record<string, { accepted: number }> }>(
          `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}/api/stats`,
        );
        const seen = ['otlp_traces', 'xray_udp', 'cloudwatch_logs'].every(
          (protocol) => (body.protocols[protocol]?.accepted ?? 0) > 0,
        );
        return seen ? body : undefined;
      }, 10_000);
      expect(stats.protocols.otlp_traces.accepted).toBeGreaterThan(0);

      // One banner, once all are ready, with the URLs a newcomer needs and where the telemetry goes.
      await suite.waitFor(BANNER);
      const banners = suite.output().match(BANNER) ?? [];
      expect(banners).toHaveLength(1);
      expect(banners[0]).toContain('ready: collector, activities, notifications, gateway');
      expect(banners[0]).toContain(`http://127.0.0.1:${ports.GATEWAY_PORT}`);
      expect(banners[0]).toContain(`http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}  trace explorer page at /`);
      expect(banners[0]).toMatch(
        new RegExp(`spans \\(OTLP/HTTP\\) +http://127\\.0\\.0\\.1:${ports.COLLECTOR_HTTP_PORT}`),
      );
      expect(banners[0]).toMatch(
        new RegExp(`X-Ray daemon, UDP\\) +127\\.0\\.0\\.1:${ports.COLLECTOR_XRAY_DAEMON_PORT}`),
      );
      expect(banners[0]).toContain(`curl -s http://127.0.0.1:${ports.GATEWAY_PORT}/api/activities/home`);
      // Nest's route-mapping and module lines do not bury it (they are debug-level for the supervisor).
      expect(suite.output()).not.toMatch(/RouterExplorer|RoutesResolver|InstanceLoader|successfully started/);
    } finally {
      suite.child.kill('SIGTERM');
    }
    expect(await suite.exit).toBe(0);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  });

  it('keeps the others running when an app dies, and takes it back when it is started again alone', async () => {
    const { ports, env } = await startScriptEnv();
    const gateway = (path: string) => `http://127.0.0.1:${ports.GATEWAY_PORT}${path}`;
    const suite = runStartScript([], env);
    let alone: StartScriptRun | undefined;
    try {
      await suite.waitFor(BANNER);
      const [, pid] = await suite.waitFor(/notifications started \(pid (\d+)\)/);
      process.kill(Number(pid), 'SIGKILL');

      const down = await eventually(async () => {
        const answer = await request<ErrorBody>(gateway('/api/activities/notifications'));
        return answer.status === 503 ? answer : undefined;
      }, 3_000);
      expect(down.body.dependency).toBe('notifications');
      expect((await request(gateway('/api/activities/home'))).status).toBe(200);
      await suite.waitFor(
        /notifications killed by SIGKILL; the others keep running\. Start it again: npm run start:notifications/,
      );

      // What `npm run start:notifications` runs, in another terminal with the same environment.
      alone = runStartScript(['notifications'], env);
      await alone.waitFor(/── ready: notifications /);
      // The gateway's TCP client reconnects by itself: the very next call succeeds.
      expect((await request(gateway('/api/activities/notifications'))).status).toBe(200);
      await suite.waitFor(/notifications accepts connections again/, 5_000);
      expect(suite.child.exitCode).toBeNull();
      expect(suite.output().match(BANNER)).toHaveLength(1);
    } finally {
      suite.child.kill('SIGTERM');
    }
    expect(await suite.exit).toBe(0);
    // It stopped what it had started, and not the notifications started elsewhere.
    const { NOTIFICATIONS_TCP_PORT, ...own } = ports;
    for (const port of Object.values(own)) expect(await isListening(port)).toBe(false);
    expect(await isListening(NOTIFICATIONS_TCP_PORT)).toBe(true);
    alone?.child.kill('SIGTERM');
    // Its output comes with a failure: what the app said while stopping is the explanation.
    const aloneExit = await alone?.exit;
    expect({ exit: aloneExit, output: aloneExit === 0 ? '' : alone?.output() }).toEqual({ exit: 0, output: '' });
    expect(await isListening(NOTIFICATIONS_TCP_PORT)).toBe(false);
  }, 120_000);

  it('stops everything when an app cannot start, naming it and why', async () => {
    const { ports, env } = await startScriptEnv();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports.ACTIVITIES_HTTP_PORT, '127.0.0.1', resolve));
    try {
      const suite = runStartScript([], env);
      expect(await suite.exit).toBe(1);
      expect(suite.output()).toContain('[supervisor] gateway started (pid');
      expect(suite.output()).toMatch(
        new RegExp(
          `\\[supervisor\\] activities failed to start: listen EADDRINUSE: address already in use 127\\.0\\.0\\.1:${ports.ACTIVITIES_HTTP_PORT}`,
        ),
      );
      expect(suite.output()).not.toMatch(BANNER);
      const { ACTIVITIES_HTTP_PORT, ...others } = ports;
      for (const port of Object.values(others)) expect(await isListening(port)).toBe(false);
    } finally {
      squatter.close();
    }
  });

  it('stops everything when an app does not become ready in time, naming it', async () => {
    const { ports, env } = await startScriptEnv();
    const suite = runStartScript([], { ...env, START_TIMEOUT_MS: '1' });
    expect(await suite.exit).toBe(1);
    expect(suite.output()).toContain(
      `collector did not become ready within 0.001 s: nothing accepts connections on 127.0.0.1:${ports.COLLECTOR_HTTP_PORT} (COLLECTOR_HTTP_PORT)`,
    );
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  });

  it('starts one app alone when named, and refuses unknown names', async () => {
    const port = await freePort();
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const alone = runStartScript(['notifications'], {
      NOTIFICATIONS_TCP_PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: nowhere,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: nowhere,
      AWS_XRAY_DAEMON_ADDRESS: nowhere.replace('http://', ''),
    });
    await eventually(async () => ((await isListening(port)) ? true : undefined), 30_000);
    expect(alone.output()).not.toContain('gateway listening');
    alone.child.kill('SIGINT');
    expect(await alone.exit).toBe(0);

    const wrong = runStartScript(['billing'], {});
    expect(await wrong.exit).toBe(2);
    expect(wrong.output()).toContain('unknown service(s): billing');
  });
});
