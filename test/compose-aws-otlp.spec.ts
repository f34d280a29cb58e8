import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readObservabilityOptions } from '@app/observability';
import {
  type ComposeFile,
  type Env,
  documentedValue,
  interpolateAll,
  parseCompose,
  parseEnvFile,
  referencesIn,
  wordsOf,
} from './support/compose';
import { composeProblems, createSchemaValidator } from './support/compose-checks';
import { type OtelConfig, readOtelConfig, sigv4Problems, undefinedComponents } from './support/compose-otelcol';

const ROOT = path.resolve(__dirname, '..');
const ENV_EXAMPLE = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const LIB_README = readFileSync(path.join(ROOT, 'libs/observability/README.md'), 'utf8');
const SERVICES = ['gateway', 'activities', 'notifications'] as const;
const RELAY_CONFIG = 'xray-otlp.yaml';
const documented = (name: string, containing = '') => documentedValue(ENV_EXAMPLE, name, containing);

/** The tracing variables of the library's configuration table (`[TRACES_]` spelt out both ways). */
function libraryTracingVariables(): string[] {
  const section = LIB_README.slice(LIB_README.indexOf('\n## Configuration\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1].matchAll(/`([A-Z0-9_[\]]+)`/g)].map((match) => match[1]))
    .flatMap((name) => (name.includes('[TRACES_]') ? ['', 'TRACES_'].map((s) => name.replace('[TRACES_]', s)) : [name]))
    .filter((name) => name.startsWith('OTEL_') || name.startsWith('AWS_XRAY_'));
}

/** .env.example's lines for `--profile <profile>`, uncommented, as a user who takes that profile writes them. */
function profileLines(profile: string): Record<string, string> {
  const block = ENV_EXAMPLE.slice(ENV_EXAMPLE.indexOf(`# --profile ${profile}:`)).split('\n\n')[0];
  return parseEnvFile(block.replace(/^# (?=[A-Z_]+=)/gm, ''));
}

/** A service's environment as its container gets it, with `dotEnv` as the .env file. */
function environmentOf(compose: ComposeFile, service: string, dotEnv: Env = {}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(interpolateAll(compose.services[service].environment ?? {}, dotEnv)).map(([name, value]) => [
      name,
      String(value ?? ''),
    ]),
  );
}

describe('the tracing variables of docker-compose.yml', () => {
  const compose = parseCompose();

  it("passes every tracing variable of the library's table to the three services", () => {
    const variables = libraryTracingVariables();
    expect(variables).toEqual(expect.arrayContaining(['AWS_XRAY_MODE', 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION']));
    // One name per service: set in the shared block, it would give the three services the same name.
    const perService = ['OTEL_SERVICE_NAME'];
    for (const service of SERVICES) {
      const environment = compose.services[service].environment ?? {};
      const missing = variables.filter((name) => !perService.includes(name) && !(name in environment));
      expect([service, missing]).toEqual([service, []]);
    }
  });

  it('leaves the X-Ray mode to the apps: a .env with AWS_XRAY_SDK_ENABLED=false alone turns X-Ray off', () => {
    for (const service of SERVICES) {
      const read = () =>
        readObservabilityOptions(environmentOf(compose, service, { AWS_XRAY_SDK_ENABLED: 'false' }), {
          serviceName: service,
          serviceVersion: '0',
        }).xray.mode;
      expect([service, read()]).toEqual([service, 'off']);
    }
  });

  it('documents each one in .env.example, an active line with the default compose gives it', () => {
    const active = parseEnvFile(ENV_EXAMPLE);
    const fallbacks = new Map(
      referencesIn(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')).map((ref) => [ref.name, ref.fallback]),
    );
    const names = Object.keys(compose.services.gateway.environment ?? {}).filter(
      (name) => name.startsWith('OTEL_') || name.startsWith('AWS_XRAY_'),
    );
    expect(names.length).toBeGreaterThan(25);
    const undocumented = names.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(ENV_EXAMPLE));
    expect(undocumented).toEqual([]);
    // The addresses are commented out on purpose (.env.example, "docker compose").
    const differing = names
      .filter((name) => name in active && active[name] !== fallbacks.get(name))
      .map((name) => `${name}: .env.example "${active[name]}", compose "${fallbacks.get(name)}"`);
    expect(differing).toEqual([]);
  });
});

describe('the aws-otlp profile: X-Ray over OTLP through an OpenTelemetry Collector', () => {
  const compose = parseCompose();
  const relay = compose.services['xray-otlp'];
  const config = readOtelConfig(RELAY_CONFIG);

  it('runs the Collector the otel-collector profile pins, with its config from the mounted folder, unpublished', () => {
    expect(relay).toBeDefined();
    expect(relay.profiles).toEqual(['aws-otlp']);
    expect(relay.image).toBe(compose.services['otel-collector'].image);
    expect(relay.image).toMatch(/^otel\/opentelemetry-collector-contrib:\d+\.\d+\.\d+$/);
    expect(relay.ports).toBeUndefined();
    const mounts = (relay.volumes ?? []).map((volume) => String(volume).split(':'));
    expect(mounts).toEqual([['./deploy/otel-collector', '/otelcol', 'ro']]);
    const configs = wordsOf(relay.command).filter((word) => word.startsWith('--config='));
    expect(configs).toEqual([`--config=/otelcol/${RELAY_CONFIG}`]);
    expect(existsSync(path.join(ROOT, 'deploy/otel-collector', RELAY_CONFIG))).toBe(true);
  });

  it("gets the AWS region and credentials from .env, as xray-daemon does, and the services' region default", () => {
    const credentials = ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
    expect(Object.keys(relay.environment ?? {}).sort()).toEqual([...credentials].sort());
    for (const name of credentials)
      expect([name, relay.environment?.[name]]).toEqual([name, compose.services['xray-daemon'].environment?.[name]]);
    expect(relay.environment?.AWS_REGION).toBe(compose.services.gateway.environment?.AWS_REGION);
  });

  it('receives OTLP/HTTP on 4318 and sends every span, SigV4-signed for xray, to the endpoint the direct path uses', () => {
    expect(undefinedComponents(config)).toEqual([]);
    expect(config.receivers.otlp).toEqual({ protocols: { http: { endpoint: '0.0.0.0:4318' } } });
    expect(Object.values(config.service.pipelines)).toEqual([
      { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp_http/xray'] },
    ]);
    expect(sigv4Problems(config, 'otlp_http/xray', { service: 'xray', region: '${env:AWS_REGION}' })).toEqual([]);
    // The services' own default in AWS_XRAY_MODE=otlp, with the region the Collector reads from its environment.
    const endpoint = (config.exporters['otlp_http/xray'] as { traces_endpoint: string }).traces_endpoint;
    const direct = readObservabilityOptions(
      { AWS_REGION: 'eu-west-1' },
      { serviceName: 'gateway', serviceVersion: '0' },
    );
    expect(endpoint.replace('${env:AWS_REGION}', 'eu-west-1')).toBe(direct.xray.otlpEndpoint);
  });

  it.each<[string, (config: OtelConfig) => void, string]>([
    ['an exporter without auth', (c) => delete (c.exporters['otlp_http/xray'] as { auth?: unknown }).auth, 'no auth'],
    ['the extension not run by the service', (c) => (c.service.extensions = []), 'does not run sigv4auth'],
    ['the extension missing', (c) => delete c.extensions?.sigv4auth, 'is not an extension'],
    [
      'the wrong service signed for',
      (c) => Object.assign(c.extensions?.sigv4auth as object, { service: 'logs' }),
      'signs for "logs", not "xray"',
    ],
    [
      'a fixed region',
      (c) => Object.assign(c.extensions?.sigv4auth as object, { region: 'us-east-1' }),
      'signs in "us-east-1", not "${env:AWS_REGION}"',
    ],
  ])('finds a copy with %s', (_what, breakIt, expected) => {
    const broken = readOtelConfig(RELAY_CONFIG);
    breakIt(broken);
    expect(
      sigv4Problems(broken, 'otlp_http/xray', { service: 'xray', region: '${env:AWS_REGION}' }).join('\n'),
    ).toContain(expected);
  });

  it(".env.example's lines for the profile point the services at the relay's receiver, in otlp mode", () => {
    const lines = profileLines('aws-otlp');
    expect(lines).toEqual(
      expect.objectContaining({ AWS_XRAY_MODE: 'otlp', AWS_XRAY_OTLP_ENDPOINT: 'http://xray-otlp:4318/v1/traces' }),
    );
    const url = new URL(documented('AWS_XRAY_OTLP_ENDPOINT', '//xray-otlp:'));
    const receiver = (config.receivers.otlp as { protocols: { http: { endpoint: string } } }).protocols.http.endpoint;
    expect([url.hostname, url.port, url.pathname]).toEqual(['xray-otlp', receiver.split(':')[1], '/v1/traces']);
    for (const service of SERVICES) {
      // As the service reads its container's environment with those lines in .env.
      const xray = readObservabilityOptions(environmentOf(compose, service, lines), {
        serviceName: service,
        serviceVersion: '0',
      }).xray;
      expect([service, xray.mode, xray.otlpEndpoint]).toEqual([service, 'otlp', 'http://xray-otlp:4318/v1/traces']);
    }
  });

  it('is valid with those lines in .env: the schema, the checks beyond it, and docker-compose 1.29', () => {
    const dotEnv = { ...parseEnvFile(ENV_EXAMPLE), ...profileLines('aws-otlp'), COMPOSE_PROFILES: 'aws-otlp' };
    expect(createSchemaValidator()(interpolateAll(compose, dotEnv))).toEqual([]);
    expect(composeProblems(compose)).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'compose-aws-otlp-'));
    try {
      const envFile = path.join(dir, '.env');
      writeFileSync(
        envFile,
        Object.entries(dotEnv)
          .map(([name, value]) => `${name}=${value}\n`)
          .join(''),
      );
      const run = (...args: string[]) =>
        spawnSync('docker-compose', ['--project-directory', ROOT, '--env-file', envFile, ...args], {
          encoding: 'utf8',
        });
      const services = run('config', '--services');
      if (services.error) throw new Error(`docker-compose could not run (${services.error.message})`);
      expect([services.status, services.stderr]).toEqual([0, '']);
      // docker-compose 1.29 lists every service, whatever the profiles: the file is read whole.
      expect(services.stdout.split('\n')).toEqual(expect.arrayContaining(['xray-otlp', 'gateway']));
      const resolved = run('config');
      expect(resolved.status).toBe(0);
      expect(resolved.stdout).toContain('AWS_XRAY_OTLP_ENDPOINT: http://xray-otlp:4318/v1/traces');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
