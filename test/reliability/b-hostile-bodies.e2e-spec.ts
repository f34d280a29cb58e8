import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { CollectorProcess } from '../support/collector';
import { type ErrorBody, request } from '../support/http';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';

// Scenario (b): hostile request bodies at the services. A bounded list of bodies (deep nesting,
// bad UTF-8, long and tricky text, a gzip bomb, prototype keys) goes to the gateway, to activities'
// HTTP API and as raw TCP messages to activities and notifications, with good posts in between.
// Every answer must be a 2xx or a 4xx that says what is wrong; none may be a 5xx or a Rollbar item.

const REPLY_TO = '68f126b0-1ceb-4a33-88be-d90fa7109eee'; // a seed activity
const GATEWAY_BODY_LIMIT = 100 * 1024;

const arrays = (depth: number, inner = '"x"') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const withMessage = (message: string) => `{"handle":"andrewbrown","ttl":"7-days","message":${message}}`;
const utf8WithBytes = (bytes: number[]) =>
  Buffer.concat([
    Buffer.from('{"handle":"andrewbrown","ttl":"7-days","message":"a'),
    Buffer.from(bytes),
    Buffer.from('b"}'),
  ]);

interface HostileCase {
  name: string;
  /** `gateway` (POST /api/activities unless `path`), or `activities` (its HTTP API). */
  target: 'gateway' | 'activities';
  path?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  /** What the answer's message must say (4xx), or the message stored (201). */
  says?: RegExp;
  stored?: string;
}

const TOO_DEEP = /^Request body is not valid JSON: JSON nests deeper than 64 levels \(at position \d+\)$/;
const NOT_UTF8 = /^Request body is not valid UTF-8/;
const TOO_LARGE = new RegExp(`^Request body is larger than the limit of ${GATEWAY_BODY_LIMIT} bytes$`);

const graphemeCase = (label: string, character: string, count: number): HostileCase => {
  const message = character.repeat(count);
  return count <= 280
    ? {
        name: `${count} × ${label}`,
        target: 'gateway',
        body: withMessage(JSON.stringify(message)),
        status: 201,
        stored: message,
      }
    : {
        name: `${count} × ${label}`,
        target: 'gateway',
        body: withMessage(JSON.stringify(message)),
        status: 422,
        says: /message_exceed_max_chars/,
      };
};

const CASES: HostileCase[] = [
  // Deep nesting, several depths and fields; the 2,200+ levels overflowed class-transformer (500) before.
  ...[65, 2200, 3000, 20_000].map((depth): HostileCase => ({
    name: `message: arrays ${depth} deep`,
    target: 'gateway',
    body: withMessage(arrays(depth)),
    status: 400,
    says: TOO_DEEP,
  })),
  {
    name: 'handle: objects 3000 deep',
    target: 'gateway',
    body: `{"handle":${objects(3000)},"message":"m","ttl":"7-days"}`,
    status: 400,
    says: TOO_DEEP,
  },
  {
    name: 'ttl: objects and arrays 5000 deep',
    target: 'gateway',
    body: `{"handle":"worf","message":"m","ttl":${arrays(2500, objects(2500))}}`,
    status: 400,
    says: TOO_DEEP,
  },
  { name: 'top level: arrays 3000 deep', target: 'gateway', body: arrays(3000), status: 400, says: TOO_DEEP },
  { name: 'top level: objects 3000 deep', target: 'gateway', body: objects(3000), status: 400, says: TOO_DEEP },
  {
    name: 'reply: message 3000 deep',
    target: 'gateway',
    path: `/api/activities/${REPLY_TO}/reply`,
    body: `{"handle":"worf","message":${arrays(3000)}}`,
    status: 400,
    says: TOO_DEEP,
  },
  {
    name: 'deep nesting beyond the body limit',
    target: 'gateway',
    body: withMessage(arrays(60_000)),
    status: 413,
    says: TOO_LARGE,
  },
  // Just under the limit: the ordinary validation answer.
  {
    name: 'message: arrays 63 deep (64 with the body)',
    target: 'gateway',
    body: withMessage(arrays(63)),
    status: 422,
    says: /message_invalid/,
  },
  {
    name: 'handle: objects 63 deep',
    target: 'gateway',
    body: `{"handle":${objects(63)},"message":"m","ttl":"7-days"}`,
    status: 422,
    says: /handle_invalid/,
  },
  // Bad UTF-8, stored as U+FFFD before.
  { name: 'UTF-8: \\xff\\xfe', target: 'gateway', body: utf8WithBytes([0xff, 0xfe]), status: 400, says: NOT_UTF8 },
  {
    name: 'UTF-8: lone continuation byte',
    target: 'gateway',
    body: utf8WithBytes([0x80]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'UTF-8: truncated sequence',
    target: 'gateway',
    body: utf8WithBytes([0xe2, 0x82]),
    status: 400,
    says: NOT_UTF8,
  },
  { name: 'UTF-8: overlong "/"', target: 'gateway', body: utf8WithBytes([0xc0, 0xaf]), status: 400, says: NOT_UTF8 },
  {
    name: 'UTF-8: encoded surrogate',
    target: 'gateway',
    body: utf8WithBytes([0xed, 0xa0, 0x80]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'UTF-8: truncated 4-byte emoji',
    target: 'gateway',
    body: utf8WithBytes([0xf0, 0x9f, 0x98]),
    status: 400,
    says: NOT_UTF8,
  },
  // Characters as a person counts them.
  ...(['👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', 'e\u0301'] as const).flatMap((character) => [
    graphemeCase(`"${character}" (${[...character].length} code points)`, character, 280),
    graphemeCase(`"${character}" (${[...character].length} code points)`, character, 281),
  ]),
  {
    name: 'zalgo within the bound',
    target: 'gateway',
    body: withMessage(JSON.stringify('Z̷̢̛a̶͎͐l̸̰̈g̵̣̈́ǫ̴̈́')),
    status: 201,
    stored: 'Z̷̢̛a̶͎͐l̸̰̈g̵̣̈́ǫ̴̈́',
  },
  {
    name: 'zalgo: one character with 6000 marks',
    target: 'gateway',
    body: withMessage(JSON.stringify(`Z${'\u0336'.repeat(6000)}`)),
    status: 422,
    says: /message_exceed_max_chars/,
  },
  // Huge strings, within and beyond the body limit, and a gzip bomb.
  {
    name: 'message of 90 KB',
    target: 'gateway',
    body: withMessage(JSON.stringify('x'.repeat(90_000))),
    status: 422,
    says: /message_exceed_max_chars/,
  },
  {
    name: 'message of 200 KB',
    target: 'gateway',
    body: withMessage(JSON.stringify('x'.repeat(200_000))),
    status: 413,
    says: TOO_LARGE,
  },
  {
    name: 'gzip bomb (10 MB inflated)',
    target: 'gateway',
    body: gzipSync(withMessage(JSON.stringify(' '.repeat(10 * 1024 * 1024)))),
    headers: { 'content-encoding': 'gzip' },
    status: 413,
    says: TOO_LARGE,
  },
  // Prototype keys: dropped, never merged into anything.
  {
    name: '__proto__ key',
    target: 'gateway',
    body: '{"handle":"worf","message":"proto","ttl":"7-days","__proto__":{"admin":true,"ttl":"never"}}',
    status: 201,
    stored: 'proto',
  },
  {
    name: 'constructor.prototype key',
    target: 'gateway',
    body: '{"handle":"worf","message":"ctor","ttl":"7-days","constructor":{"prototype":{"polluted":true}}}',
    status: 201,
    stored: 'ctor',
  },
  {
    name: '__proto__ as the handle',
    target: 'gateway',
    body: '{"handle":{"__proto__":{"polluted":true}},"message":"m","ttl":"7-days"}',
    status: 422,
    says: /handle_invalid/,
  },
  // Activities' own HTTP API reads bodies the same way.
  {
    name: 'activities: message 3000 deep',
    target: 'activities',
    body: withMessage(arrays(3000)),
    status: 400,
    says: TOO_DEEP,
  },
  { name: 'activities: top level 3000 deep', target: 'activities', body: objects(3000), status: 400, says: TOO_DEEP },
  {
    name: 'activities: bad UTF-8',
    target: 'activities',
    body: utf8WithBytes([0xff, 0xfe]),
    status: 400,
    says: NOT_UTF8,
  },
  {
    name: 'activities: 63 deep',
    target: 'activities',
    body: withMessage(arrays(63)),
    status: 422,
    says: /message_invalid/,
  },
];

/** Nest's TCP framing (`<length>#<json>`, the length in UTF-16 units): sends `packets` on one connection, reads as many replies. */
function tcpExchange(port: number, packets: string[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: Array<Record<string, unknown>> = [];
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`tcp://127.0.0.1:${port} answered ${replies.length} of ${packets.length} messages in 10 s`));
    }, 10_000);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(packets.map((packet) => `${packet.length}#${packet}`).join('')));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let hash = buffer.indexOf('#'); hash !== -1; hash = buffer.indexOf('#')) {
        const length = Number(buffer.slice(0, hash));
        if (buffer.length < hash + 1 + length) break;
        replies.push(JSON.parse(buffer.slice(hash + 1, hash + 1 + length)) as Record<string, unknown>);
        buffer = buffer.slice(hash + 1 + length);
      }
      if (replies.length >= packets.length) {
        clearTimeout(timer);
        socket.end();
        resolve(replies);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

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
        body: hostile.body,
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
