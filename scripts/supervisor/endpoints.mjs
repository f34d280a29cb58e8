// Where each app listens, read from the environment as the app reads it
// (apps/*/src/*.config.ts, README's configuration table): the sockets the
// supervisor probes to call an app ready, and the addresses the banner shows.
import { readHost, readPort } from './env.mjs';

// Every app listens on 127.0.0.1 unless its *_HOST variable says otherwise.
const SOCKETS = {
  gateway: [{ protocol: 'http', host: 'GATEWAY_HOST', port: 'GATEWAY_PORT', fallback: 4567 }],
  activities: [
    { protocol: 'http', host: 'ACTIVITIES_HOST', port: 'ACTIVITIES_HTTP_PORT', fallback: 4568 },
    { protocol: 'tcp', host: 'ACTIVITIES_HOST', port: 'ACTIVITIES_TCP_PORT', fallback: 4569 },
  ],
  notifications: [{ protocol: 'tcp', host: 'NOTIFICATIONS_HOST', port: 'NOTIFICATIONS_TCP_PORT', fallback: 4570 }],
  collector: [
    { protocol: 'http', host: 'COLLECTOR_HOST', port: 'COLLECTOR_HTTP_PORT', fallback: 4318 },
    // The X-Ray daemon's UDP socket cannot be probed by a connect. The collector binds it in the same
    // start-up phase as the TCP sampling proxy on the same port number (onApplicationBootstrap, before
    // its HTTP server listens), so the proxy accepting connections stands for both.
    { protocol: 'tcp', host: 'COLLECTOR_HOST', port: 'COLLECTOR_XRAY_DAEMON_PORT', fallback: 2000 },
    { protocol: 'udp', host: 'COLLECTOR_HOST', port: 'COLLECTOR_XRAY_DAEMON_PORT', fallback: 2000, probe: false },
  ],
};

/** An address one can connect to: a wildcard listen address is reached on loopback. */
function reachable(host) {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

/**
 * The sockets of `app`: `{ protocol, host, port, variable, url, probe }`. `port` is
 * undefined when its variable holds a value the app will refuse (the app then fails with
 * its own message) and 0 when the system picks it; neither can be probed.
 */
export function socketsOf(app, env) {
  return SOCKETS[app].map((spec) => {
    const host = reachable(readHost(env, spec.host, '127.0.0.1') ?? '127.0.0.1');
    const port = readPort(env, spec.port, spec.fallback);
    const url = `${spec.protocol}://${host.includes(':') ? `[${host}]` : host}:${port ?? `$${spec.port}`}`;
    return { protocol: spec.protocol, host, port, variable: spec.port, url, probe: spec.probe !== false };
  });
}

/** The sockets a connect can tell about: TCP ones (HTTP included) with a known, fixed port. */
export function probeTargetsOf(app, env) {
  return socketsOf(app, env).filter((s) => s.probe && s.port !== undefined && s.port !== 0);
}

/** The base URL of an app's HTTP server (gateway, activities, collector). */
export function httpUrlOf(app, env) {
  return socketsOf(app, env).find((s) => s.protocol === 'http')?.url;
}
