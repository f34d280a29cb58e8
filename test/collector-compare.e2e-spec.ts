import type { CompareResponse } from '../apps/collector/src/api/explorer.contract';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, eventually, request } from './support/http';
import { type SpanSpec, hex, newTraceId, postSpans } from './support/otlp-json';

type CompareAnswer = CompareResponse;

/**
 * gateway GET /home → two `db` queries (a), or → three, the second one slower, and a `cache` lookup (b);
 * the `render` step only in a.
 */
function homeTrace(variant: 'a' | 'b') {
  const traceId = newTraceId();
  const t = Date.now() - 5000;
  const root = hex(8);
  const child = (name: string, from: number, to: number): SpanSpec => ({
    service: name === 'db' ? 'activities' : 'gateway',
    spanId: hex(8),
    parentSpanId: root,
    name,
    kind: 'INTERNAL',
    startMs: t + from,
    endMs: t + to,
  });
  const spans: SpanSpec[] =
    variant === 'a'
      ? [
          { service: 'gateway', spanId: root, name: 'GET /home', kind: 'SERVER', startMs: t, endMs: t + 100 },
          child('db', 10, 30),
          child('db', 30, 50),
          child('render', 60, 80),
        ]
      : [
          { service: 'gateway', spanId: root, name: 'GET /home', kind: 'SERVER', startMs: t, endMs: t + 200 },
          child('db', 10, 30),
          child('db', 30, 130),
          child('db', 130, 150),
          child('cache', 150, 155),
        ];
  return { traceId, spans };
}

describe('collector: GET /api/compare matches the spans of two traces', () => {
  let collector: CollectorProcess;
  const a = homeTrace('a');
  const b = homeTrace('b');

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    await postSpans(collector.url, a.traceId, a.spans);
    await postSpans(collector.url, b.traceId, b.spans);
    await eventually(async () =>
      (await request<unknown[]>(`${collector.url}/api/traces`)).body.length === 2 ? true : undefined,
    );
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  it('matches by service, name and place, and names what explains the difference', async () => {
    const { status, body } = await request<CompareAnswer>(`${collector.url}/api/compare?a=${a.traceId}&b=${b.traceId}`);
    expect(status).toBe(200);
    expect(body.a.traceId).toBe(a.traceId);
    expect(body.b.traceId).toBe(b.traceId);
    const rows = body.spans.map((s) => [s.key, s.change, s.deltaMs, s.selfDeltaMs]);
    expect(rows).toEqual([
      ['/gateway:GET /home#0', 'matched', 100, 15],
      ['/gateway:GET /home#0/activities:db#0', 'matched', 0, 0],
      ['/gateway:GET /home#0/activities:db#1', 'matched', 80, 80],
      ['/gateway:GET /home#0/gateway:render#0', 'missing', 0, -20],
      ['/gateway:GET /home#0/activities:db#2', 'added', 0, 20],
      ['/gateway:GET /home#0/gateway:cache#0', 'added', 0, 5],
    ]);
    expect(body.spans[0]).toMatchObject({
      depth: 0,
      a: { durationMs: 100, selfMs: 40 },
      b: { durationMs: 200, selfMs: 55 },
    });
    expect(body.spans[3]).not.toHaveProperty('b');
    expect(body.contributors.map((s) => [s.key, s.selfDeltaMs])).toEqual([
      ['/gateway:GET /home#0/activities:db#1', 80],
      ['/gateway:GET /home#0/gateway:render#0', -20],
      ['/gateway:GET /home#0/activities:db#2', 20],
      ['/gateway:GET /home#0', 15],
      ['/gateway:GET /home#0/gateway:cache#0', 5],
    ]);
  });

  it.each([
    [() => `b=${b.traceId}`, 400, 'a (a trace id) is required'],
    [() => `a=${a.traceId}&b=nope`, 400, /^b: "nope" is not a trace id/],
    [() => `a=00000000000000000000000000000001&b=nope`, 400, /^b: "nope" is not a trace id/],
    [() => `a=${a.traceId}&b=00000000000000000000000000000001`, 404, 'b: no trace 00000000000000000000000000000001'],
  ])('answers a bad or unknown id with 400 or 404 (%#)', async (query, status, message) => {
    const answer = await request<ErrorBody>(`${collector.url}/api/compare?${query()}`);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
  });
});
