import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Activity } from '@app/contracts';
import { eventually, request } from './support/http';
import { freePort, isListening } from './support/ports';

const START = path.resolve(__dirname, '..', 'scripts', 'start.mjs');

function run(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [START, ...args], {
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('the start script (npm start)', () => {
  it('starts the whole suite with the collector, prints where each app listens, and stops it all on SIGTERM', async () => {
    const ports = {
      GATEWAY_PORT: await freePort(),
      ACTIVITIES_HTTP_PORT: await freePort(),
      ACTIVITIES_TCP_PORT: await freePort(),
      NOTIFICATIONS_TCP_PORT: await freePort(),
      COLLECTOR_HTTP_PORT: await freePort(),
      COLLECTOR_XRAY_DAEMON_PORT: await freePort(),
    };
    const env = {
      ...Object.fromEntries(Object.entries(ports).map(([key, value]) => [key, String(value)])),
      // The suite's telemetry goes to the collector it starts, never to the default ports.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${ports.COLLECTOR_XRAY_DAEMON_PORT}`,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
      COLLECTOR_URL: `http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`,
    };
    const suite = run([], env);
    try {
      await eventually(async () => ((await isListening(ports.GATEWAY_PORT)) ? true : undefined), 30_000);
      const home = await eventually(async () => {
        const answer = await request<Activity[]>(`http://127.0.0.1:${ports.GATEWAY_PORT}/api/activities/home`).catch(() => undefined);
        return answer?.status === 200 ? answer : undefined;
      }, 10_000);
      expect(home.body.map((a) => a.message)).toEqual([
        'My dear doctor, I am just simple tailor',
        'Cloud is very fun!',
        'I am out of prune juice',
      ]);
      const notifications = await request(`http://127.0.0.1:${ports.GATEWAY_PORT}/api/activities/notifications`);
      expect(notifications.status).toBe(200);
      expect(suite.output()).toContain(`gateway listening on http://127.0.0.1:${ports.GATEWAY_PORT}`);
      expect(suite.output()).toContain(
        `activities listening on http://127.0.0.1:${ports.ACTIVITIES_HTTP_PORT} (HTTP) and tcp://127.0.0.1:${ports.ACTIVITIES_TCP_PORT} (TCP)`,
      );
      expect(suite.output()).toContain(`notifications listening on tcp://127.0.0.1:${ports.NOTIFICATIONS_TCP_PORT} (TCP)`);
      expect(suite.output()).toContain(`collector listening on http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}`);
      expect(suite.output()).toContain(`udp://127.0.0.1:${ports.COLLECTOR_XRAY_DAEMON_PORT} (X-Ray daemon)`);
      // The services' telemetry reaches the collector started with them: spans, segments and log lines.
      const stats = await eventually(async () => {
        const { body } = await request<{ protocols: Record<string, { accepted: number }> }>(`http://127.0.0.1:${ports.COLLECTOR_HTTP_PORT}/api/stats`);
        const seen = ['otlp_traces', 'xray_udp', 'cloudwatch_logs'].every((protocol) => (body.protocols[protocol]?.accepted ?? 0) > 0);
        return seen ? body : undefined;
      }, 10_000);
      expect(stats.protocols.otlp_traces.accepted).toBeGreaterThan(0);
    } finally {
      suite.child.kill('SIGTERM');
    }
    expect(await suite.exit).toBe(0);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  });

  it('starts one app alone when named, and refuses unknown names', async () => {
    const port = await freePort();
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const alone = run(['notifications'], {
      NOTIFICATIONS_TCP_PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: nowhere,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: nowhere,
      AWS_XRAY_DAEMON_ADDRESS: nowhere.replace('http://', ''),
    });
    await eventually(async () => ((await isListening(port)) ? true : undefined), 30_000);
    expect(alone.output()).not.toContain('gateway listening');
    alone.child.kill('SIGINT');
    expect(await alone.exit).toBe(0);

    const wrong = run(['billing'], {});
    expect(await wrong.exit).toBe(2);
    expect(wrong.output()).toContain('unknown service(s): billing');
  });
});
