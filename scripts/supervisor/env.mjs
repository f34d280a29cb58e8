// The apps' configuration variables as the supervisor needs them (ports, hosts,
// telemetry destinations), with the same names and defaults as apps/*/src/*.config.ts
// and libs/observability's readers. Lenient on purpose: a value the app would refuse
// reads as undefined here, and the app itself then stops with its own message naming
// the variable, which the supervisor passes on. One judge of configuration, not two.

function raw(env, name) {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A port number; undefined when the app would refuse the value. */
export function readPort(env, name, fallback) {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) && Number(value) <= 65535 ? Number(value) : undefined;
}

/** A host name or address; undefined when the app would refuse the value. */
export function readHost(env, name, fallback) {
  const value = raw(env, name) ?? fallback;
  return /[\s/]/.test(value) ? undefined : value;
}

/** A positive integer (milliseconds, here); the fallback when unset or unusable. */
export function readPositiveInt(env, name, fallback) {
  const value = raw(env, name);
  return value !== undefined && /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : fallback;
}

/** An http(s) URL without its trailing slash; undefined when the app would refuse it. */
export function readHttpUrl(env, name, fallback) {
  const value = raw(env, name) ?? fallback;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString().replace(/\/$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** A `host:port` address as given (IPv6 hosts in brackets); the fallback when unset. */
export function readAddress(env, name, fallback) {
  return raw(env, name) ?? fallback;
}

/** A boolean switch spelt as libs/observability accepts it (true/false, 1/0, yes/no, on/off). */
export function readFlag(env, name, fallback) {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return fallback;
}
