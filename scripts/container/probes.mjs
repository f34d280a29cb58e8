// How the HEALTHCHECK probes each app: the endpoint its callers use to tell it is up, over each
// transport it serves (libs/contracts: ActivitiesRoute.health, the `*.health` TCP patterns).
import { randomBytes } from 'node:crypto';
import { socketsOf } from '../supervisor/endpoints.mjs';

/**
 * A W3C traceparent whose caller did not sample: the apps sample by their parent, so a probe every
 * few seconds does not fill the trace explorer with its own traces (its access log lines remain).
 */
function unsampledTraceparent() {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

/** The app's socket of `protocol`, reached on loopback (a wildcard listen address included). */
function socketOf(app, protocol, env) {
  const socket = socketsOf(app, env).find((candidate) => candidate.protocol === protocol);
  if (socket?.port === undefined) throw new Error(`${socket?.variable ?? protocol} is not a port number`);
  return socket;
}

async function httpOk(app, path, env, timeoutMs) {
  const { host, port } = socketOf(app, 'http', env);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
  let response;
  try {
    response = await fetch(url, {
      headers: { traceparent: unsampledTraceparent() },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`GET ${url}: ${error.cause?.code ?? error.message}`, { cause: error });
  }
  await response.body?.cancel();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
}

/** A request over Nest's own TCP transport, with the client the services use (not a framing of ours). */
async function tcpAnswers(app, pattern, env) {
  const { host, port } = socketOf(app, 'tcp', env);
  // Loaded only for the apps that serve TCP: the check of the others stays light.
  const [{ ClientTCP }, { firstValueFrom }] = await Promise.all([import('@nestjs/microservices'), import('rxjs')]);
  const client = new ClientTCP({ host, port });
  client.setOnDispatchHook((packet) => {
    packet.metadata = { ...packet.metadata, traceparent: unsampledTraceparent() };
  });
  try {
    await firstValueFrom(client.send(pattern, {}));
  } catch (error) {
    throw new Error(`${pattern} on tcp://${host}:${port}: ${error?.code ?? error?.message ?? String(error)}`, {
      cause: error,
    });
  } finally {
    client.close();
  }
}

const PROBES = {
  gateway: (env, timeoutMs) => httpOk('gateway', '/api/health-check', env, timeoutMs),
  activities: (env, timeoutMs) =>
    Promise.all([httpOk('activities', '/health', env, timeoutMs), tcpAnswers('activities', 'activities.health', env)]),
  notifications: (env) => tcpAnswers('notifications', 'notifications.health', env),
  // Its cheapest read: counters only, no store is walked.
  collector: (env, timeoutMs) => httpOk('collector', '/api/stats', env, timeoutMs),
};

/** Resolves when `app` answers its probes; rejects with the first failure, in one line. */
export async function probe(app, env, timeoutMs) {
  await PROBES[app](env, timeoutMs);
}
