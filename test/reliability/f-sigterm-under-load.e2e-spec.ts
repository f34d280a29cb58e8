import { CollectorProcess } from '../support/collector';
import { request } from '../support/http';
import { type Exchange, KeepAliveLoad } from '../support/keep-alive-load';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';
import type { CollectedTrace } from '../support/traces';

const SHUTDOWN_TIMEOUT_MS = 6000;
/** The signal reaches a busy event loop a little after it is sent: answers begun earlier may still say keep-alive. */
const SIGNAL_DELIVERY_MS = 250;
const PATHS = ['/api/activities/home', '/api/activities/notifications', '/api/activities/@andrewbrown'];

/** A 503 for a call notifications refused, draining or gone; a call cut off in flight says `unavailable` without ECONNREFUSED. */
const CLEAN_REFUSAL = /shutting down|unavailable \(ECONNREFUSED\)/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function traceIdOf(exchange: Exchange): string | undefined {
  const match = /^00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/.exec(exchange.traceresponse ?? '');
  return match && (parseInt(match[2], 16) & 1) === 1 ? match[1] : undefined;
}

/** Which of these sampled traces the collector holds with a SERVER span of `service`. */
async function tracesAtCollector(collectorUrl: string, traceIds: string[], service = 'gateway'): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < traceIds.length; i += 16) {
    await Promise.all(
      traceIds.slice(i, i + 16).map(async (traceId) => {
        const { status, body } = await request<CollectedTrace>(`${collectorUrl}/api/traces/${traceId}`);
        if (status === 200 && body.spans.some((span) => span.serviceName === service && span.kind === 'SERVER')) {
          found.add(traceId);
        }
      }),
    );
  }
  return found;
}

describe('(f) SIGTERM to the gateway under keep-alive load', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), GATEWAY_RATE_LIMIT_PER_MINUTE: '0' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('answers every request it read, with Connection: close once draining, flushes the traces, and exits 0 in time', async () => {
    const gateway = suite.services.gateway;
    const load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 8 });
    await sleep(4000);

    const sigtermAt = Date.now();
    const exitCode = await gateway.stop(SHUTDOWN_TIMEOUT_MS + 5000);
    const exitMs = Date.now() - sigtermAt;
    await sleep(300); // the connections see the refusals of the closed listener
    const exchanges = await load.stop();

    const answered = exchanges.filter((e) => e.status !== undefined);
    const refused = exchanges.filter((e) => e.error === 'ECONNREFUSED');
    const cutOff = exchanges.filter((e) => e.status === undefined && e.error !== 'ECONNREFUSED');
    const afterSignal = answered.filter((e) => e.sentAt > sigtermAt + SIGNAL_DELIVERY_MS);
    const closingAnswers = answered.filter((e) => e.doneAt >= sigtermAt && e.connection === 'close');
    const traceIds = answered.map(traceIdOf).filter((id): id is string => id !== undefined);
    const atCollector = await tracesAtCollector(collector.url, traceIds);

    reportFigures('f-sigterm-under-load', {
      requests: exchanges.length,
      answered: answered.length,
      'answered after SIGTERM': answered.filter((e) => e.doneAt >= sigtermAt).length,
      'answers with Connection: close': closingAnswers.length,
      'refused before sending (listener closed)': refused.length,
      resets: cutOff.length,
      '5xx': answered.filter((e) => (e.status ?? 0) >= 500).length,
      'exit code': exitCode ?? 'signal',
      'ms from SIGTERM to exit': exitMs,
      'traces at collector / sampled responses': `${atCollector.size}/${traceIds.length}`,
    });

    expect(answered.length).toBeGreaterThan(40);
    expect(cutOff.map((e) => `${e.path}: ${e.error}`)).toEqual([]);
    expect(answered.filter((e) => (e.status ?? 0) >= 500).map((e) => `${e.path} ${e.status} ${e.body}`)).toEqual([]);
    // The drain answered what was in flight, saying the connection closes.
    expect(closingAnswers.length).toBeGreaterThan(0);
    expect(afterSignal.filter((e) => e.connection !== 'close').map((e) => e.connection)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(gateway.logs).toMatch(/HTTP drained in \d+ ms/);
    expect(gateway.logs).not.toMatch(/not flushed|given up|shutdown took longer/);
    // The flush ran: every answer's trace reached the collector with its gateway span.
    expect(traceIds.length).toBe(answered.length);
    expect(traceIds.filter((id) => !atCollector.has(id))).toEqual([]);
  }, 90_000);

  it('SIGTERM to notifications under load: what reached it is answered, then a clear 503, never a cut connection', async () => {
    if (!suite.services.gateway.running) await suite.services.gateway.start(); // stopped by the test above
    const notifications = suite.services.notifications;
    const load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 8 });
    await sleep(4000);
    const sigtermAt = Date.now();
    const exitCode = await notifications.stop(SHUTDOWN_TIMEOUT_MS + 5000);
    const exitMs = Date.now() - sigtermAt;
    await sleep(1000);
    const exchanges = await load.stop();

    const needing = exchanges.filter((e) => e.path === '/api/activities/notifications');
    const others = exchanges.filter((e) => e.path !== '/api/activities/notifications');
    const unavailable = needing.filter((e) => e.status === 503);
    const answeredByIt = needing.filter((e) => e.status === 200);
    const traceIds = answeredByIt.map(traceIdOf).filter((id): id is string => id !== undefined);
    const atCollector = await tracesAtCollector(collector.url, traceIds, 'notifications');
    const messages = unavailable.map((e) => (JSON.parse(e.body ?? '{}') as { message?: string }).message ?? '');

    reportFigures('f-sigterm-under-load-notifications', {
      requests: exchanges.length,
      'answered 200 through notifications': answeredByIt.length,
      "503 'shutting down'": messages.filter((m) => /shutting down/.test(m)).length,
      '503 unavailable (refused)': messages.filter((m) => /unavailable \(ECONNREFUSED\)/.test(m)).length,
      '503 cut in flight': messages.filter((m) => !CLEAN_REFUSAL.test(m)).length,
      'client errors': exchanges.filter((e) => e.status === undefined).length,
      'exit code': exitCode ?? 'signal',
      'ms from SIGTERM to exit': exitMs,
      'notifications spans at collector / its 200s': `${atCollector.size}/${traceIds.length}`,
    });

    expect(exchanges.filter((e) => e.status === undefined).map((e) => `${e.path}: ${e.error}`)).toEqual([]);
    expect(others.filter((e) => e.status !== 200).map((e) => `${e.path} ${e.status}`)).toEqual([]);
    expect(needing.filter((e) => e.status !== 200 && e.status !== 503).map((e) => e.status)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    // Nothing that reached notifications was lost with its connection: a refusal or "shutting down".
    expect(messages.filter((m) => !CLEAN_REFUSAL.test(m))).toEqual([]);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(notifications.logs).toMatch(/TCP drained in \d+ ms/);
    expect(traceIds.filter((id) => !atCollector.has(id))).toEqual([]);
  }, 90_000);

  it('SIGTERM to activities under load: its HTTP and TCP calls in flight are answered, then clear 503s', async () => {
    if (!suite.services.notifications.running) await suite.services.notifications.start();
    const activities = suite.services.activities;
    const load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 8 });
    await sleep(4000);
    const sigtermAt = Date.now();
    const exitCode = await activities.stop(SHUTDOWN_TIMEOUT_MS + 5000);
    const exitMs = Date.now() - sigtermAt;
    await sleep(1000);
    const exchanges = await load.stop();

    const unavailable = exchanges.filter((e) => e.status === 503);
    const messages = unavailable.map((e) => (JSON.parse(e.body ?? '{}') as { message?: string }).message ?? '');
    const cut = messages.filter((m) => !/shutting down|unavailable \(ECONNREFUSED\)/.test(m));
    reportFigures('f-sigterm-under-load-activities', {
      requests: exchanges.length,
      'answered 200': exchanges.filter((e) => e.status === 200).length,
      '503 clean (shutting down, refused)': messages.length - cut.length,
      '503 cut in flight': cut.length,
      'client errors': exchanges.filter((e) => e.status === undefined).length,
      'exit code': exitCode ?? 'signal',
      'ms from SIGTERM to exit': exitMs,
    });

    expect(exchanges.filter((e) => e.status === undefined).map((e) => `${e.path}: ${e.error}`)).toEqual([]);
    expect(exchanges.filter((e) => e.status !== 200 && e.status !== 503).map((e) => e.status)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(cut).toEqual([]);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(activities.logs).toMatch(/HTTP and TCP drained in \d+ ms/);
  }, 90_000);
});
