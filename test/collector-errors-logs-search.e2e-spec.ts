import type { ErrorGroup, LogLine } from '../apps/collector/src/api/explorer.contract';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { newTraceId } from './support/otlp-json';

type Group = ErrorGroup;

type Line = LogLine;

const frames = (method: string) => [
  { filename: '/app/node_modules/@nestjs/core/router.js', method: 'handle', lineno: 10 },
  { filename: '/app/dist/apps/activities/users.service.js', method, lineno: 42 },
];

describe('collector: error groups and log search', () => {
  let collector: CollectorProcess;
  const traceId = newTraceId();
  const t0 = Date.now() - 60_000;

  const postItem = async (data: object) => {
    const answer = await request(`${collector.url}/api/1/item/`, {
      body: { data: { environment: 'test', level: 'error', ...data } },
      headers: { 'x-rollbar-access-token': 'local' },
    });
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    const notFound = (handle: string, id: string, at: number, service: string) =>
      postItem({
        timestamp: at / 1000,
        body: {
          trace: {
            exception: { class: 'NotFoundException', message: `user "${handle}" (id ${id}) not found after 3 tries` },
            frames: frames('resolve'),
          },
        },
        custom: { service, trace_id: traceId },
      });
    await notFound('garek', '0af7651916cd43dd', t0, 'activities');
    await notFound('worf', '5f1d7c3e-2b1a-4c7e-9a0d-3b2c1d0e9f8a', t0 + 1000, 'notifications');
    // Same class and message shape, another top frame: another group.
    await postItem({
      timestamp: (t0 + 2000) / 1000,
      body: {
        trace: {
          exception: { class: 'NotFoundException', message: 'user "quark" (id 17) not found after 3 tries' },
          frames: frames('find'),
        },
      },
      custom: { service: 'activities' },
    });
    await postItem({
      timestamp: (t0 + 3000) / 1000,
      level: 'warning',
      body: { message: { body: 'queue depth 1200 over 1000' } },
    });

    const logs = new CloudWatchLogsClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'cruddur' }));
    for (const stream of ['gateway', 'activities'])
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'cruddur', logStreamName: stream }));
    const line = (at: number, fields: object) => ({ timestamp: at, message: JSON.stringify(fields) });
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'gateway',
        logEvents: [
          line(t0, {
            level: 'info',
            service: 'gateway',
            message: 'served',
            trace_id: traceId,
            span_id: '0af7651916cd43dd',
          }),
          line(t0 + 10, { level: 'error', service: 'gateway', message: 'upstream failed', status: 503 }),
        ],
      }),
    );
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'activities',
        logEvents: [
          line(t0 + 20, { level: 'warn', service: 'activities', message: 'slow query', duration_ms: 900 }),
          { timestamp: t0 + 30, message: 'plain text ERROR line' },
        ],
      }),
    );
    logs.destroy();
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  it('groups Rollbar items by class, masked message and top frame', async () => {
    const { status, body } = await request<Group[]>(`${collector.url}/api/errors/groups`);
    expect(status).toBe(200);
    expect(body.map((g) => [g.fingerprint, g.count])).toEqual([
      ['(message) | queue depth <n> over <n> | ', 1],
      [
        'NotFoundException | user "<str>" (id <n>) not found after <n> tries | /app/dist/apps/activities/users.service.js:find',
        1,
      ],
      [
        'NotFoundException | user "<str>" (id <uuid>) not found after <n> tries | /app/dist/apps/activities/users.service.js:resolve',
        1,
      ],
      [
        'NotFoundException | user "<str>" (id <hex>) not found after <n> tries | /app/dist/apps/activities/users.service.js:resolve',
        1,
      ],
    ]);
    expect((await request<Group[]>(`${collector.url}/api/errors/groups?limit=1`)).body).toHaveLength(1);
  });

  it('puts occurrences that differ only in masked values in one group, newest first', async () => {
    await postItem({
      timestamp: (t0 + 5000) / 1000,
      body: {
        trace: {
          exception: { class: 'NotFoundException', message: 'user "odo" (id 99) not found after 4 tries' },
          frames: frames('find'),
        },
      },
      custom: { service: 'gateway', trace_id: traceId },
    });
    const { body } = await request<Group[]>(`${collector.url}/api/errors/groups`);
    const group = body.find((g) => g.topFrame?.endsWith(':find'));
    expect(group).toMatchObject({
      exceptionClass: 'NotFoundException',
      messageTemplate: 'user "<str>" (id <n>) not found after <n> tries',
      count: 2,
      firstSeen: t0 + 2000,
      lastSeen: t0 + 5000,
    });
    expect(group?.occurrences.map((o) => [o.service, o.message, o.traceId])).toEqual([
      ['gateway', 'user "odo" (id 99) not found after 4 tries', traceId],
      ['activities', 'user "quark" (id 17) not found after 3 tries', undefined],
    ]);
    expect(body[0]).toBe(body.find((g) => g.lastSeen === t0 + 5000));
  });

  const search = async (query: string) => (await request<Line[]>(`${collector.url}/api/logs/search?${query}`)).body;

  it('finds log lines with a filter pattern, newest first, with their JSON fields', async () => {
    const all = await search('');
    expect(all.map((l) => l.timestamp)).toEqual([t0 + 30, t0 + 20, t0 + 10, t0]);
    expect(all[3]).toEqual({
      logGroupName: 'cruddur',
      logStreamName: 'gateway',
      timestamp: t0,
      message: expect.stringContaining('served'),
      level: 'info',
      service: 'gateway',
      traceId,
      spanId: '0af7651916cd43dd',
    });
    expect(
      (await search(`filterPattern=${encodeURIComponent('{ $.level = "error" }')}`)).map((l) => l.message),
    ).toEqual([expect.stringContaining('upstream failed')]);
    expect((await search('filterPattern=ERROR')).map((l) => l.timestamp)).toEqual([t0 + 30]);
    expect((await search(`filterPattern=${encodeURIComponent('{ $.duration_ms > 500 }')}`)).length).toBe(1);
    expect((await search('service=activities')).map((l) => l.timestamp)).toEqual([t0 + 30, t0 + 20]);
    expect((await search(`from=${t0 + 10}&to=${t0 + 20}`)).map((l) => l.timestamp)).toEqual([t0 + 20, t0 + 10]);
    expect((await search('limit=1')).map((l) => l.timestamp)).toEqual([t0 + 30]);
  });

  it.each([
    ['/api/logs/search?filterPattern=%7B%20%24.level%20%3D', /^Invalid filter pattern at character \d+: /],
    ['/api/logs/search?from=yesterday', /from must be epoch milliseconds/],
    ['/api/logs/search?limit=0', /limit must be an integer from 1 to 10000/],
    ['/api/errors/groups?limit=x', /limit must be an integer from 1 to 1000/],
  ])('answers 400 to %s with the reason', async (path, message) => {
    const answer = await request<ErrorBody>(`${collector.url}${path}`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });
});
