import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readLoggingOptions, readObservabilityOptions, readReportingOptions } from '@app/observability';
import { loadActivitiesConfig } from '../apps/activities/src/activities.config';
import { loadCollectorConfig } from '../apps/collector/src/collector.config';
import { loadGatewayConfig } from '../apps/gateway/src/gateway.config';
import { loadNotificationsConfig } from '../apps/notifications/src/notifications.config';
import {
  type Env,
  composeText,
  defaultServices,
  dependenciesOf,
  interpolateAll,
  parseCompose,
  parseEnvFile,
  referencesIn,
} from './support/compose';
import { type AppEnvScript, type ServicesScript, importScript } from './support/scripts';

const ROOT = path.resolve(__dirname, '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const ENV_EXAMPLE = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

type App = 'gateway' | 'activities' | 'notifications' | 'collector';

/** The names of the README's configuration table (the section `## Configuration`), `OTEL_*` as a prefix. */
function configurationTable(): { names: Set<string>; prefixes: string[]; rows: string[][] } {
  const section = README.slice(README.indexOf('\n## Configuration\n'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => [...line.split('|')[1].matchAll(/`([A-Z0-9_*]+)`/g)].map((match) => match[1]));
  const all = rows.flat();
  return {
    names: new Set(all.filter((name) => !name.endsWith('*'))),
    prefixes: all.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1)),
    rows,
  };
}

/** Every variable the compose file sets in a container or reads from .env. */
function composeVariables(): string[] {
  const compose = parseCompose();
  const set = Object.values(compose.services).flatMap((service) => Object.keys(service.environment ?? {}));
  return [...new Set([...set, ...referencesIn(composeText()).map((reference) => reference.name)])].sort();
}

/** The apps' own reading of an environment: their config and telemetry options (ids of the process aside). */
function readAsApp(app: App, env: Env): unknown {
  if (app === 'collector') return loadCollectorConfig(env);
  const config = {
    gateway: loadGatewayConfig,
    activities: loadActivitiesConfig,
    notifications: loadNotificationsConfig,
  }[app](env);
  const observability = readObservabilityOptions(env, { serviceName: app, serviceVersion: '0' });
  return {
    config,
    observability,
    logging: readLoggingOptions(env, app, new Date(0)),
    reporting: readReportingOptions(env, '/app', observability.environment),
  };
}

/**
 * What differs from `npm start` by design (README, "Demo (docker compose)"): inside the compose
 * network the apps listen on every address and reach each other, and the collector, by service name.
 */
const BY_DESIGN: Record<App, string[]> = {
  gateway: ['GATEWAY_HOST', 'ACTIVITIES_URL', 'NOTIFICATIONS_TCP_ADDRESS'],
  activities: ['ACTIVITIES_HOST', 'NOTIFICATIONS_TCP_ADDRESS'],
  notifications: ['NOTIFICATIONS_HOST', 'ACTIVITIES_URL', 'ACTIVITIES_TCP_ADDRESS'],
  collector: ['COLLECTOR_HOST'],
};
const TELEMETRY_BY_DESIGN = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'AWS_XRAY_DAEMON_ADDRESS',
  'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  'COLLECTOR_URL',
];
const byDesign = (app: App) => (app === 'collector' ? BY_DESIGN[app] : [...BY_DESIGN[app], ...TELEMETRY_BY_DESIGN]);

const without = (env: Record<string, string>, names: string[]) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));

describe('the environment of docker-compose.yml', () => {
  const compose = parseCompose();
  const apps = defaultServices(compose) as App[];
  /** A service's environment as its container gets it, with `dotEnv` as the .env file. */
  const environmentOf = (app: string, dotEnv: Env = {}) =>
    Object.fromEntries(
      Object.entries(interpolateAll(compose.services[app].environment ?? {}, dotEnv)).map(([name, value]) => [
        name,
        String(value ?? ''),
      ]),
    );
  let appDefaults: AppEnvScript['appDefaults'];
  beforeAll(async () => {
    ({ appDefaults } = await importScript<AppEnvScript>('app-env.mjs'));
  });

  it("names only variables of the README's configuration table", () => {
    const { names, prefixes } = configurationTable();
    const variables = composeVariables();
    expect(variables.length).toBeGreaterThan(40);
    const missing = variables.filter((name) => !names.has(name) && !prefixes.some((prefix) => name.startsWith(prefix)));
    expect(missing).toEqual([]);
  });

  it('starts the apps that npm start starts, each from the image, the collector first', async () => {
    const { SERVICES } = await importScript<ServicesScript>('services.mjs');
    expect([...apps].sort()).toEqual([...SERVICES].sort());
    for (const app of apps) {
      const service = compose.services[app];
      expect([app, service.build, service.image, service.command]).toEqual([app, '.', 'cruddur-tracing:local', [app]]);
      if (app !== 'collector')
        expect([app, dependenciesOf(service)]).toEqual([app, expect.arrayContaining(['collector'])]);
    }
  });

  it('sets every other variable from .env, with a default, under the name the apps read', () => {
    for (const app of apps) {
      for (const [name, value] of Object.entries(compose.services[app].environment ?? {})) {
        if (byDesign(app).includes(name) && !/^\$\{/.test(String(value))) continue;
        expect([app, name, value]).toEqual([app, name, expect.stringMatching(new RegExp(`^\\$\\{${name}:-[^}]*\\}$`))]);
      }
    }
  });

  it('gives the apps the defaults npm start gives them, apart from the listen hosts and the addresses of the others', () => {
    for (const app of apps) {
      const env = environmentOf(app);
      // The compose file with no .env, then the image's entrypoint; npm start's apps: an empty environment, then npm start.
      const composed = without(env, byDesign(app));
      expect([app, readAsApp(app, { ...composed, ...appDefaults(composed, { terminal: false }) })]).toEqual([
        app,
        readAsApp(app, appDefaults({}, { terminal: false })),
      ]);
      // What differs, differs as documented: every address, and the apps accept a service name in each.
      expect(() => readAsApp(app, env)).not.toThrow();
      for (const name of byDesign(app)) {
        const value = env[name];
        const host = value.includes('://') ? new URL(value).hostname : value.split(':')[0];
        expect([app, name, name.endsWith('_HOST') ? host === '0.0.0.0' : host in compose.services]).toEqual([
          app,
          name,
          true,
        ]);
      }
    }
  });

  it('keeps the compose network whole with .env.example copied to .env, which is written for npm start too', () => {
    const dotEnv = parseEnvFile(ENV_EXAMPLE);
    expect(Object.keys(dotEnv).length).toBeGreaterThan(30);
    // Addresses for the host's browser, not for a container to connect to: loopback is right there.
    const forTheHost = new Set(['GATEWAY_TRACE_EXPLORER_URL']);
    for (const app of apps) {
      const env = environmentOf(app, dotEnv);
      const loopback = Object.entries(env).filter(
        ([name, value]) => !forTheHost.has(name) && /127\.0\.0\.1|localhost/.test(value),
      );
      expect([app, loopback]).toEqual([app, []]);
    }
  });

  it('passes every fault switch of the README to the service it is for, off unless .env sets it', () => {
    const faultNames = configurationTable()
      .rows.flat()
      .filter((name) => name.includes('FAULT'));
    expect(faultNames.length).toBeGreaterThan(10);
    for (const app of ['gateway', 'activities', 'notifications'] as const) {
      const forApp = faultNames.filter(
        (name) => name.startsWith(`${app.toUpperCase()}_`) || name.startsWith('FAULTS_'),
      );
      const env = environmentOf(app);
      expect([app, forApp.filter((name) => env[name] !== '')]).toEqual([app, []]);
      expect([app, forApp.filter((name) => !(name in env))]).toEqual([app, []]);
    }
  });
});
