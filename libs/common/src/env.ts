/** A variable of the environment that cannot be used as it is. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A yes/no switch: 1/true/yes/on or 0/false/no/off, any case. */
export function readFlag(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/** A TCP/UDP port number (0 lets the system choose). */
export function readPort(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${value}"`);
  }
  return port;
}

/** A positive integer, such as a timeout in milliseconds or a store limit. */
export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new ConfigError(`${name} must be a positive integer, got "${value}"`);
  }
  return parsed;
}

/** A whole number, zero included, such as a limit where `0` means "off". */
export function readNonNegativeInt(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
    throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  }
  return parsed;
}

/** A host name or address to listen on or connect to. */
export function readHost(env: Env, name: string, fallback: string): string {
  const value = raw(env, name) ?? fallback;
  if (/[\s/]/.test(value)) throw new ConfigError(`${name} must be a host name or address, got "${value}"`);
  return value;
}

/** An http(s) URL. */
export function readHttpUrl(env: Env, name: string, fallback: string): string {
  const value = raw(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  return url.toString().replace(/\/$/, '');
}

export interface Address {
  host: string;
  port: number;
}

/** A `host:port` address (IPv6 hosts in brackets: `[::1]:4570`). */
export function readAddress(env: Env, name: string, fallback: Address): Address {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const match = /^(?:\[([^\]]+)\]|([^:\s/]+)):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new ConfigError(`${name} must be host:port, got "${value}"`);
  }
  return { host: match[1] ?? match[2], port };
}

/** One of a fixed set of words, any case (`OTEL_EXPORTER_OTLP_PROTOCOL`, `AWS_XRAY_MODE`). */
export function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) throw new ConfigError(`${name} must be ${choices.join(', ')}, got "${env[name]}"`);
  return choice;
}

/**
 * A comma-separated list, items trimmed and empty ones left out (the OTel SDK's form:
 * `OTEL_PROPAGATORS=tracecontext,baggage`); undefined when the variable is unset or blank.
 */
export function readList(env: Env, name: string): string[] | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  return [...new Set(value.split(',').map((item) => item.trim()))].filter((item) => item !== '');
}

/** The AWS region, as the AWS SDK finds it in the environment (AWS_REGION, then AWS_DEFAULT_REGION). */
export function readAwsRegion(env: Env, fallback = 'us-east-1'): string {
  const region = raw(env, 'AWS_REGION') ?? raw(env, 'AWS_DEFAULT_REGION') ?? fallback;
  if (!/^[a-z0-9-]+$/.test(region))
    throw new ConfigError(`AWS_REGION must be a region name such as eu-west-1, got "${region}"`);
  return region;
}
