import { type ErrorBody, request } from '../support/http';
import { type Exchange, KeepAliveLoad } from '../support/keep-alive-load';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
const NEEDS_NOTIFICATIONS = '/api/activities/notifications';
const PATHS = [
  '/api/activities/home',
  NEEDS_NOTIFICATIONS,
  '/api/activities/@andrewbrown',
  '/api/activities/search?term=cloud',
  `/api/activities/${CLOUD_IS_FUN}`,
];
/** Bound on a 503 naming the missing dependency, and on the first 200 once it listens again. */
const ANSWER_BOUND_MS = 3000;
// Plus its start-up time (several seconds on a busy 2-core machine): about 5 to 10 s down in all.
const DOWN_MS = 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const latency = (e: Exchange) => e.doneAt - e.sentAt;

describe('(d) notifications killed under load, then restarted', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await Suite.start({ GATEWAY_RATE_LIMIT_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('answers 503 naming notifications only where it is needed, within bounds, and recovers by itself', async () => {
    const load = new KeepAliveLoad({ baseUrl: suite.baseUrl, paths: PATHS, connections: 6, pauseMs: 5 });
    await sleep(3000);
    const killedAt = Date.now();
    await suite.services.notifications.kill();
    await sleep(DOWN_MS);
    await suite.services.notifications.start();
    const restartedAt = Date.now();
    await sleep(4000);
    const exchanges = await load.stop();

    const notificationsCalls = exchanges.filter((e) => e.path === NEEDS_NOTIFICATIONS);
    const others = exchanges.filter((e) => e.path !== NEEDS_NOTIFICATIONS);
    const unavailable = notificationsCalls.filter((e) => e.status === 503);
    const firstOkAfterRestart = notificationsCalls.find((e) => e.sentAt >= restartedAt && e.status === 200);
    const maxUnavailableMs = Math.max(0, ...unavailable.map(latency));

    reportFigures('d-dependency-killed', {
      requests: exchanges.length,
      'requests needing notifications': notificationsCalls.length,
      '503s': unavailable.length,
      'other 5xx': exchanges.filter((e) => (e.status ?? 0) >= 500 && e.status !== 503).length,
      'non-200 of endpoints not needing it': others.filter((e) => e.status !== 200).length,
      'client errors (no answer)': exchanges.filter((e) => e.status === undefined).length,
      'ms down': restartedAt - killedAt,
      'max 503 latency ms': maxUnavailableMs,
      'ms to first 200 after restart': firstOkAfterRestart ? firstOkAfterRestart.doneAt - restartedAt : 'none',
    });

    expect(exchanges.filter((e) => e.status === undefined).map((e) => `${e.path}: ${e.error}`)).toEqual([]);
    // Endpoints that do not need notifications never noticed.
    expect(others.filter((e) => e.status !== 200).map((e) => `${e.path} ${e.status}`)).toEqual([]);
    // The one that does: 200 or a quick 503 naming it, nothing else.
    expect(notificationsCalls.filter((e) => e.status !== 200 && e.status !== 503).map((e) => e.status)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const e of unavailable) {
      const body = JSON.parse(e.body ?? '{}') as ErrorBody;
      expect(body).toMatchObject({ statusCode: 503, dependency: 'notifications' });
      expect(body.message).toMatch(/notifications is unavailable/);
    }
    expect(maxUnavailableMs).toBeLessThan(ANSWER_BOUND_MS);
    // 503s only while it was down (plus the calls in flight when it died).
    expect(unavailable.filter((e) => e.sentAt < killedAt - 100 || e.sentAt > restartedAt)).toEqual([]);
    expect(firstOkAfterRestart).toBeDefined();
    expect(firstOkAfterRestart!.doneAt - restartedAt).toBeLessThan(ANSWER_BOUND_MS);
    // Nothing restarted but notifications: the others stayed up throughout.
    expect(suite.services.gateway.running).toBe(true);
    expect(suite.services.activities.running).toBe(true);
    expect((await request(`${suite.baseUrl}/api/health-check/ready`)).status).toBe(200);
  }, 90_000);
});
