import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from './support/http';
import { ReplayedImage } from './support/image-replay';
import { freePort } from './support/ports';
import { RecordingServer } from './support/recording-server';

const APPS = ['collector', 'activities', 'notifications', 'gateway'] as const;

/**
 * No Docker engine builds the image here or in CI, so its last stage is replayed in a folder (see
 * ReplayedImage): one install of the production dependencies, then each app run as a container of
 * the image runs it, with only its ports (free loopback ones) and listen hosts (127.0.0.1) set.
 */
describe('the image, replayed outside Docker', () => {
  const workdir = mkdtempSync(path.join(tmpdir(), 'cruddur-image-'));
  let image: ReplayedImage;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    image = new ReplayedImage(workdir);
    image.runSteps();
    const nowhere = await freePort();
    env = {
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(await freePort()),
      ACTIVITIES_HOST: '127.0.0.1',
      ACTIVITIES_HTTP_PORT: String(await freePort()),
      ACTIVITIES_TCP_PORT: String(await freePort()),
      NOTIFICATIONS_HOST: '127.0.0.1',
      NOTIFICATIONS_TCP_PORT: String(await freePort()),
      COLLECTOR_HOST: '127.0.0.1',
      COLLECTOR_HTTP_PORT: String(await freePort()),
      COLLECTOR_XRAY_DAEMON_PORT: String(await freePort()),
      // Never the default ports of a collector that `npm start` may be running.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${nowhere}`,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${nowhere}`,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://127.0.0.1:${nowhere}`,
      COLLECTOR_URL: `http://127.0.0.1:${nowhere}`,
    };
  }, 180_000);

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    child = undefined;
  });
  afterAll(() => rmSync(workdir, { recursive: true, force: true }));

  /**
   * `docker run <image> [command]` (no command: the image's CMD); resolves with the HEALTHCHECK's
   * output once it passes, polled as Docker polls it.
   */
  async function startHealthy(command: string[] | undefined, extra: Record<string, string> = {}): Promise<string> {
    output = '';
    child = image.start(command, { ...env, ...extra });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = child;
    const health = await eventually(async () => {
      if (started.exitCode !== null) throw new Error(`it exited:\n${output}`);
      const result = await image.healthcheck({ ...env, ...extra });
      return result.code === 0 ? result : undefined;
    }, 30_000).catch((error: Error) => {
      throw new Error(
        `${command?.join(' ') ?? 'the default command'} never became healthy (${error.message}):\n${output}`,
      );
    });
    return health.output;
  }

  it('holds what the app needs and nothing of the build: production dependencies only', () => {
    expect(existsSync(path.join(workdir, 'node_modules/@nestjs/core'))).toBe(true);
    // Not typescript: @nestjs/swagger declares it a peer, so npm installs it among the production dependencies.
    expect(existsSync(path.join(workdir, 'node_modules/@nestjs/cli'))).toBe(false);
    expect(existsSync(path.join(workdir, 'node_modules/jest'))).toBe(false);
    expect(existsSync(path.join(workdir, 'apps'))).toBe(false);
    expect(existsSync(path.join(workdir, 'aws/json/xray.json'))).toBe(true);
  });

  it('is unhealthy, saying why, before any app has started', async () => {
    expect(await image.healthcheck(env)).toEqual({
      code: 1,
      output: 'container is unhealthy: no app started here yet (run/app.json is missing)',
    });
  });

  it.each(APPS)(
    'runs %s as its command says, healthy once it answers and unhealthy once it has stopped',
    async (app) => {
      expect(await startHealthy([app])).toBe(`${app} is healthy`);
      const stopped = child;
      const exited = new Promise((resolve) => stopped?.once('exit', (code) => resolve(code)));
      stopped?.kill('SIGTERM');
      expect(await exited).toBe(0);
      const after = await image.healthcheck(env);
      expect(after.code).toBe(1);
      expect(after.output).toMatch(new RegExp(`^${app} is unhealthy: .*ECONNREFUSED$`));
    },
    60_000,
  );

  it('starts the gateway by default, with the local Rollbar token npm start gives', async () => {
    const rollbar = await RecordingServer.start();
    try {
      // COLLECTOR_URL is where Rollbar's default endpoint is (…/api/1/): here, a recorder.
      const extra = { COLLECTOR_URL: rollbar.url };
      expect(await startHealthy(undefined, extra)).toBe('gateway is healthy');
      expect((await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/rollbar/test`)).status).toBe(200);
      const item = await eventually(async () =>
        rollbar.requests.find((received) => received.method === 'POST' && received.url.startsWith('/api/1/')),
      );
      expect(item.headers['x-rollbar-access-token']).toBe('local-demo');
      expect(item.body).toContain('Hello World!');
    } finally {
      await rollbar.stop();
    }
  }, 60_000);

  it('refuses a command that names no app, saying which it knows', async () => {
    child = image.start(['gatewya'], env);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child?.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('the app one of collector, activities, notifications, gateway (got: gatewya)');
  });
});
