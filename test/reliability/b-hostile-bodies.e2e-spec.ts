import { CollectorProcess } from '../support/collector';
import { type ErrorBody, request } from '../support/http';
import { tcpExchange } from '../support/raw-tcp';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';
import { CASES, GATEWAY_BODY_LIMIT, NOT_UTF8, REPLY_TO, TOO_DEEP, arrays } from './b-hostile-bodies.cases';

// Scenario (b): hostile request bodies at the services. A bounded list of bodies (deep nesting,
// bad UTF-8, long and tricky text, a gzip bomb, prototype keys) goes to the gateway, to activities'
// HTTP API and as raw TCP messages to activities and notifications, with good posts in between.
// Every answer must be a 2xx or a 4xx that says what is wrong; none may be a 5xx or a Rollbar item.

describe('reliability (b): hostile request bodies', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      {
        ROLLBAR_ACCESS_TOKEN: 'local-token',
        COLLECTOR_URL: collector.url,
        GATEWAY_BODY_LIMIT_BYTES: String(GATEWAY_BODY_LIMIT),
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  }, 120_000);

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('answers every hostile body with a 2xx or a 4xx that says what is wrong, loses no good post, files no Rollbar item', async () => {
    const started = performance.now();
    const run = Date.now().toString(36);
    const statuses: Record<string, number> = {};
    const wrong: string[] = [];
    const goodMessages: string[] = [];
    const storedMessages: string[] = [];
    let tooDeep = 0;
    let notUtf8 = 0;

    const postGood = async (i: number) => {
      const message = `good post ${i} of run ${run}`;
      const answer = await request<{ message?: string }>(`${suite.baseUrl}/api/activities`, {
        body: { handle: 'worf', message, ttl: '1-hour' },
      });
      if (answer.status !== 201) wrong.push(`good post ${i}: ${answer.status}`);
      goodMessages.push(message);
    };

    for (const [i, hostile] of CASES.entries()) {
      const base = hostile.target === 'gateway' ? suite.baseUrl : `http://127.0.0.1:${suite.ports.activitiesHttp}`;
      const path = hostile.path ?? (hostile.target === 'gateway' ? '/api/activities' : '/activities');
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...hostile.headers },
        body: typeof hostile.body === 'string' ? hostile.body : Uint8Array.from(hostile.body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      let body: Partial<ErrorBody> & { message?: unknown } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        wrong.push(`${hostile.name}: a body that is not JSON: ${text.slice(0, 100)}`);
      }
      if (response.status !== hostile.status) {
        wrong.push(`${hostile.name}: ${response.status} ${text.slice(0, 200)} (expected ${hostile.status})`);
      } else if (response.status >= 400) {
        const shaped =
          body.statusCode === response.status && typeof body.error === 'string' && typeof body.message === 'string';
        if (!shaped) wrong.push(`${hostile.name}: not the JSON error shape: ${text.slice(0, 200)}`);
        if (hostile.says && !hostile.says.test(String(body.message))) {
          wrong.push(`${hostile.name}: message "${String(body.message).slice(0, 200)}" does not match ${hostile.says}`);
        }
      } else if (hostile.stored !== undefined) {
        if (body.message !== hostile.stored)
          wrong.push(`${hostile.name}: stored "${String(body.message).slice(0, 50)}"`);
        if (/admin|polluted/.test(text))
          wrong.push(`${hostile.name}: a prototype key came back: ${text.slice(0, 200)}`);
        storedMessages.push(hostile.stored);
      }
      if (TOO_DEEP.test(String(body.message))) tooDeep++;
      if (NOT_UTF8.test(String(body.message))) notUtf8++;
      // Good data alongside the hostile bodies, every few cases.
      if (i % 4 === 3) await postGood(i);
    }

    // Raw TCP: a message nesting too deep, then a health check on the same connection.
    const deepPayload = (pattern: string, data: string, id: string) =>
      `{"pattern":"${pattern}","data":${data},"id":"${id}"}`;
    const tcpCases = [
      {
        name: 'activities',
        port: suite.ports.activitiesTcp,
        packets: [
          deepPayload('activities.users.resolve', `{"handles":${arrays(3000)}}`, 'deep-1'),
          deepPayload('activities.health', '{}', 'health-1'),
        ],
      },
      {
        name: 'notifications',
        port: suite.ports.notificationsTcp,
        packets: [
          deepPayload(
            'notifications.create',
            `{"handle":"worf","kind":"mention","from_handle":"garek","message":${arrays(3000)},"activity_uuid":"${REPLY_TO}"}`,
            'deep-2',
          ),
          deepPayload('notifications.health', '{}', 'health-2'),
        ],
      },
    ];
    let tcpRefused = 0;
    for (const tcp of tcpCases) {
      const replies = await tcpExchange(tcp.port, tcp.packets);
      const [refusal, health] = [
        replies.find((r) => String(r.id).startsWith('deep')),
        replies.find((r) => String(r.id).startsWith('health')),
      ];
      const err = refusal?.err as Partial<ErrorBody> | undefined;
      if (
        err?.statusCode === 400 &&
        /^Message is not valid JSON: JSON nests deeper than 64 levels/.test(String(err.message))
      ) {
        tcpRefused++;
      } else {
        wrong.push(`tcp ${tcp.name}: the deep message got ${JSON.stringify(refusal).slice(0, 200)}`);
      }
      if (!health || health.err !== undefined || health.response === undefined) {
        wrong.push(`tcp ${tcp.name}: the health check after it got ${JSON.stringify(health).slice(0, 200)}`);
      }
    }

    // Still up, and every good post (and every accepted tricky one) kept.
    const home = await request<Array<{ message: string }>>(`${suite.baseUrl}/api/activities/home`);
    expect(home.status).toBe(200);
    const listed = new Set(home.body.map((activity) => activity.message));
    const lost = [...goodMessages, ...storedMessages].filter((message) => !listed.has(message));
    expect(JSON.stringify(home.body)).not.toMatch(/polluted|"admin"/);
    expect((await request(`http://127.0.0.1:${suite.ports.activitiesHttp}/health`)).status).toBe(200);

    // No Rollbar item: every refusal is a 4xx, and the reporters flush within a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const items = (await request<Array<{ level: string; title: string }>>(`${collector.url}/api/errors`)).body;

    const count4xx = Object.entries(statuses).reduce(
      (n, [status, count]) => n + (Number(status) >= 400 && Number(status) < 500 ? count : 0),
      0,
    );
    const count5xx = Object.entries(statuses).reduce(
      (n, [status, count]) => n + (Number(status) >= 500 ? count : 0),
      0,
    );
    reportFigures('b-hostile-bodies', {
      cases: CASES.length + tcpCases.length,
      http_cases: CASES.length,
      tcp_cases: tcpCases.length,
      '2xx': Object.entries(statuses).reduce((n, [status, count]) => n + (Number(status) < 300 ? count : 0), 0),
      '4xx': count4xx,
      '5xx': count5xx,
      '400_too_deep': tooDeep,
      '400_not_utf8': notUtf8,
      '413': statuses[413] ?? 0,
      '422': statuses[422] ?? 0,
      tcp_refused_400: tcpRefused,
      good_posts: goodMessages.length,
      good_posts_lost: lost.length,
      rollbar_items: items.length,
      wrong_answers: wrong.length,
      ms: Math.round(performance.now() - started),
    });

    expect(wrong).toEqual([]);
    expect(count5xx).toBe(0);
    expect(lost).toEqual([]);
    expect(items.map((item) => `${item.level}: ${item.title}`)).toEqual([]);
  }, 120_000);
});
