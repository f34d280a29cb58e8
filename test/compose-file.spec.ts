import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ComposeFile, composeText, interpolateAll, parseCompose, parseEnvFile } from './support/compose';
import { composeProblems, createSchemaValidator } from './support/compose-checks';

const ROOT = path.resolve(__dirname, '..');
const ENV_EXAMPLE = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

/** The compose file as Compose validates it: interpolated, here with no .env or with .env.example's. */
const interpolated = (env: Record<string, string> = {}) => interpolateAll(parseCompose(), env);

describe('docker-compose.yml against the Compose Specification schema', () => {
  const validate = createSchemaValidator();

  it('is valid with no .env, and with .env.example copied to .env', () => {
    expect(validate(interpolated())).toEqual([]);
    expect(validate(interpolated(parseEnvFile(ENV_EXAMPLE)))).toEqual([]);
  });

  // A copy broken in one place each: the validator must refuse it and say where and what.
  it.each<[string, (compose: ComposeFile) => void, string]>([
    [
      'an unknown key in a service',
      (compose) => Object.assign(compose.services.gateway, { healthchek: {} }),
      'services.gateway must NOT have additional properties: "healthchek"',
    ],
    [
      'ports given as a number',
      (compose) => Object.assign(compose.services.gateway, { ports: 4567 }),
      'services.gateway.ports must be array',
    ],
    [
      'a depends_on condition misspelt',
      (compose) => Object.assign(compose.services.gateway, { depends_on: { activities: { condition: 'healthy' } } }),
      'services.gateway.depends_on.activities.condition must be equal to one of the allowed values: service_started, service_healthy, service_completed_successfully',
    ],
    [
      'a port that is not host_ip:host_port:container_port',
      (compose) => Object.assign(compose.services.gateway, { ports: ['127.0.0.1:gateway:4567'] }),
      'services.gateway.ports.0 must match format "ports"',
    ],
    [
      'an interval that is not a duration',
      (compose) => Object.assign(compose.services.gateway, { healthcheck: { test: ['CMD', 'true'], interval: '5 s' } }),
      'services.gateway.healthcheck.interval must match format "duration"',
    ],
    [
      'a top-level name',
      (compose) => Object.assign(compose, { name: 'cruddur' }),
      '(top level) must NOT have additional properties: "name"',
    ],
  ])('refuses a copy with %s, naming it', (_what, breakIt, expected) => {
    const compose = interpolated();
    breakIt(compose);
    expect(validate(compose)).toContain(expected);
  });
});

describe('docker-compose.yml beyond what the schema checks', () => {
  it('depends only on its services, without a cycle; waits for health checks; publishes on 127.0.0.1 only; holds no secret', () => {
    expect(composeProblems(parseCompose())).toEqual([]);
  });

  it.each<[string, (compose: ComposeFile) => void, string]>([
    [
      'a dependency on no service',
      (compose) =>
        Object.assign(compose.services.gateway, { depends_on: { activitie: { condition: 'service_healthy' } } }),
      'gateway depends on "activitie", which is not a service',
    ],
    [
      'a dependency cycle',
      (compose) =>
        Object.assign(compose.services.activities, {
          depends_on: { notifications: { condition: 'service_healthy' } },
        }) &&
        Object.assign(compose.services.notifications, {
          depends_on: { activities: { condition: 'service_healthy' } },
        }),
      'dependency cycle: activities -> notifications -> activities',
    ],
    [
      'a service without a health check',
      (compose) => Object.assign(compose.services.notifications, { healthcheck: { disable: true } }),
      'notifications has no health check',
    ],
    [
      'a dependency that is only started, not healthy',
      (compose) => Object.assign(compose.services.gateway, { depends_on: ['activities'] }),
      'gateway does not wait for activities to be healthy',
    ],
    [
      'a default service depending on a profile service',
      (compose) =>
        Object.assign(compose.services.gateway, { depends_on: { 'xray-daemon': { condition: 'service_healthy' } } }),
      'gateway depends on xray-daemon, which runs only in a profile',
    ],
    [
      'a port published on every address',
      (compose) => Object.assign(compose.services.gateway, { ports: ['${GATEWAY_PORT:-4567}:4567'] }),
      'gateway publishes "4567:4567" beyond 127.0.0.1',
    ],
    [
      'a secret written into the file',
      (compose) =>
        Object.assign(compose.services.gateway, {
          environment: {
            ...compose.services.gateway.environment,
            ROLLBAR_ACCESS_TOKEN: '${ROLLBAR_ACCESS_TOKEN:-abc123}',
          },
        }),
      'gateway: ROLLBAR_ACCESS_TOKEN must be ${ROLLBAR_ACCESS_TOKEN:-}, taken from the environment, not written here',
    ],
    ['a key docker-compose 1.29 refuses', (compose) => Object.assign(compose, { name: 'cruddur' }), 'top-level "name"'],
  ])('finds %s', (_what, breakIt, expected) => {
    const compose = parseCompose();
    breakIt(compose);
    expect(composeProblems(compose)).toContain(expected);
  });
});

/**
 * Debian's docker-compose 1.29 (`apt-get install docker-compose`, done by .ci/run) validates a
 * file without a Docker engine: a second reader, and the oldest one the file is written for.
 */
describe("docker-compose.yml read by Debian's docker-compose 1.29", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'compose-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `docker-compose config -q` on `file`, paths resolved from the repository, with `envFile` as its .env. */
  function check(file: string, envFile: string): { status: number | null; output: string } {
    const result = spawnSync(
      'docker-compose',
      ['--project-directory', ROOT, '--env-file', envFile, '-f', file, 'config', '-q'],
      { encoding: 'utf8' },
    );
    if (result.error) {
      throw new Error(`docker-compose could not run (${result.error.message}): apt-get install docker-compose`);
    }
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  it('accepts the file with no .env, and with .env.example copied to .env', () => {
    const empty = path.join(dir, 'empty.env');
    writeFileSync(empty, '');
    expect(check(path.join(ROOT, 'docker-compose.yml'), empty)).toEqual({ status: 0, output: '' });
    expect(check(path.join(ROOT, 'docker-compose.yml'), path.join(ROOT, '.env.example'))).toEqual({
      status: 0,
      output: '',
    });
  });

  it('refuses a copy with a misspelt depends_on condition, naming it', () => {
    const broken = path.join(dir, 'docker-compose.yml');
    writeFileSync(broken, composeText().replace('condition: service_healthy', 'condition: service_healty'));
    const empty = path.join(dir, 'empty.env');
    writeFileSync(empty, '');
    const result = check(broken, empty);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('condition contains "service_healty", which is an invalid type');
  });
});
