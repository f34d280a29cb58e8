import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

export type Env = Record<string, string | undefined>;

/** A service of a compose file, as far as the tests read it. */
export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: Array<string | number | Record<string, unknown>>;
  volumes?: Array<string | Record<string, unknown>>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  profiles?: string[];
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** The text of the project's docker-compose.yml. */
export function composeText(): string {
  return readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
}

/** A compose file parsed as Compose parses it: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function parseCompose(text: string = composeText()): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

/** `${NAME}` and `${NAME:-default}`: the only interpolation forms the project writes. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Every `${...}` reference of a text, with its default ('' for `${NAME:-}`, undefined for `${NAME}`). */
export function referencesIn(text: string): Array<{ name: string; fallback: string | undefined }> {
  return [...text.matchAll(REFERENCE)].map((match) => ({ name: match[1], fallback: match[2] }));
}

/**
 * A value interpolated as Compose does it for the forms above (`${NAME:-default}`: the default when
 * NAME is unset or empty; `$$`: a `$`). Any other `$` form is refused, so that the tests read the
 * file as Compose reads it.
 */
export function interpolate(value: string, env: Env): string {
  if (value.replace(REFERENCE, '').replace(/\$\$/g, '').includes('$')) {
    throw new Error(`"${value}": only \${NAME} and \${NAME:-default} are written in docker-compose.yml`);
  }
  return value.replace(new RegExp(`\\$\\$|${REFERENCE.source}`, 'g'), (match, name?: string, fallback?: string) => {
    if (match === '$$') return '$';
    const set = env[name ?? ''];
    if (fallback === undefined) return set ?? '';
    return set === undefined || set === '' ? fallback : set;
  });
}

/** Every string of a parsed compose file interpolated (keys are not, as in Compose). */
export function interpolateAll<T>(node: T, env: Env): T {
  if (typeof node === 'string') return interpolate(node, env) as T;
  if (Array.isArray(node)) return node.map((item: unknown) => interpolateAll(item, env)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, env)])) as T;
  }
  return node;
}

/** The services that `docker compose up` starts without a profile. */
export function defaultServices(compose: ComposeFile): string[] {
  return Object.entries(compose.services)
    .filter(([, service]) => (service.profiles ?? []).length === 0)
    .map(([name]) => name);
}

/** The names a service depends on, in either form of `depends_on`. */
export function dependenciesOf(service: ComposeService): string[] {
  const dependsOn = service.depends_on ?? [];
  return Array.isArray(dependsOn) ? dependsOn : Object.keys(dependsOn);
}

/** A command or entrypoint as its words (a string form is split as Compose splits it, on blanks here). */
export function wordsOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.split(/\s+/).filter(Boolean);
}

/** The variables of a .env file: `NAME=value` lines (quotes removed); comments and blanks skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

/**
 * The value of the one line of an env file (.env.example), active or commented out (`# NAME=value`),
 * whose value holds `containing`; throws unless exactly one line does.
 */
export function documentedValue(envText: string, name: string, containing = ''): string {
  const values = [...envText.matchAll(new RegExp(`^#? ?${name}=("[^"]*"|'[^']*'|\\S*)`, 'gm'))]
    .map((match) => match[1].replace(/^(['"])(.*)\1$/, '$2'))
    .filter((value) => value.includes(containing));
  if (values.length !== 1)
    throw new Error(`the env file documents ${values.length} ${name} lines with "${containing}"`);
  return values[0];
}
