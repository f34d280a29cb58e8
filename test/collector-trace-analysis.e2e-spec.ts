import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';
import { hex, newTraceId, postSpans, sendSegments, xrayIdOf } from './support/otlp-json';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

interface Analysis {
  traceId: string;
  health: string;
  criticalPath: string[];
  disagreements: Array<{ id: string; kind: string; detail: string }>;
  spans: Array<{ spanId: string; parentSpanId?: string }>;
}

describe('collector: GET /api/traces/:id analyses the trace', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const url = (path: string) => `${suite.baseUrl}${path}`;
  const analysis = async (traceId: string) => (await request<Analysis>(`${collector.url}/api/traces/${traceId}`)).body;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start({}, { otlpUrl: collector.url, daemonAddress: collector.daemonAddress });
  });

  afterAll(async () => {
    await suite?.stop();
    expect(await collector?.stop()).toBe(0);
  });

  const requests: Array<[string, () => Promise<Response>, number]> = [
    [
      'POST /api/activities with a mention (HTTP, TCP request, TCP event)',
      () =>
        fetch(url('/api/activities'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
        }),
      10,
    ],
    ['GET /api/activities/home', () => fetch(url('/api/activities/home')), 4],
    ['a 404 from activities', () => fetch(url('/api/activities/@nobody_at_all')), 3],
    [
      'a request continuing an X-Amzn-Trace-Id with Root alone',
      () => {
        const id = newTraceId();
        return fetch(url('/api/activities/home'), { headers: { 'X-Amzn-Trace-Id': `Root=${xrayIdOf(id)}` } });
      },
      4,
    ],
  ];

  it.each(requests)('finds no disagreement between the views of the real suite: %s', async (_, send, minSpans) => {
    const response = await send();
    await response.arrayBuffer();
    const { traceId } = traceIdOf(response.headers);
    const trace = await settledTrace(collector.url, traceId, minSpans);
    const answer = await analysis(traceId);
    expect(answer.disagreements).toEqual([]);
    // The critical path starts at the root span and follows parent → child links.
    const ids = new Set(trace.spans.map((span) => span.spanId));
    const root = trace.spans.find((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
    expect(answer.criticalPath[0]).toBe(root?.spanId);
    expect(answer.criticalPath.length).toBeGreaterThan(1);
    const parents = new Map(trace.spans.map((span) => [span.spanId, span.parentSpanId]));
    for (let i = 1; i < answer.criticalPath.length; i++)
      expect(parents.get(answer.criticalPath[i])).toBe(answer.criticalPath[i - 1]);
  });

  it('follows the child that ends last within its parent, not one that outlives it', async () => {
    const traceId = newTraceId();
    const start = Date.now() - 1000;
    const ids = { root: hex(8), early: hex(8), late: hex(8), detached: hex(8), leaf: hex(8) };
    const span = (spanId: string, parentSpanId: string | undefined, from: number, to: number) => ({
      service: 'gateway',
      spanId,
      parentSpanId,
      name: `op-${spanId}`,
      kind: 'INTERNAL' as const,
      startMs: start + from,
      endMs: start + to,
    });
    await postSpans(collector.url, traceId, [
      span(ids.root, undefined, 0, 100),
      span(ids.early, ids.root, 5, 40),
      span(ids.late, ids.root, 45, 90),
      span(ids.detached, ids.root, 50, 300),
      span(ids.leaf, ids.late, 50, 60),
    ]);
    const answer = await eventually(async () => {
      const body = await analysis(traceId);
      return body.spans?.length === 5 ? body : undefined;
    });
    expect(answer.criticalPath).toEqual([ids.root, ids.late, ids.leaf]);
  });

  it('reports each way a deliberately broken pair of views disagrees', async () => {
    const traceId = newTraceId();
    const xrayTraceId = xrayIdOf(traceId);
    const start = Date.now() - 1000;
    const ids = { root: hex(8), child: hex(8), noDocument: hex(8), noSpan: hex(8), other: hex(8) };
    await postSpans(collector.url, traceId, [
      { service: 'gateway', spanId: ids.root, name: 'GET /', kind: 'SERVER', startMs: start, endMs: start + 100 },
      {
        service: 'activities',
        spanId: ids.child,
        parentSpanId: ids.root,
        name: 'GET /x',
        kind: 'SERVER',
        startMs: start + 10,
        endMs: start + 90,
        attributes: { 'http.response.status_code': 500 },
      },
      {
        service: 'gateway',
        spanId: ids.noDocument,
        parentSpanId: ids.root,
        name: 'work',
        kind: 'INTERNAL',
        startMs: start + 1,
        endMs: start + 2,
      },
    ]);
    const seconds = (ms: number) => (start + ms) / 1000;
    await sendSegments(collector.daemonPort, [
      // Timing off by 5 ms at the end.
      { id: ids.root, trace_id: xrayTraceId, name: 'gateway', start_time: seconds(0), end_time: seconds(105) },
      // Another parent than the span's, and no fault flag for the span's 500.
      {
        id: ids.child,
        trace_id: xrayTraceId,
        parent_id: ids.other,
        name: 'activities',
        start_time: seconds(10),
        end_time: seconds(90),
      },
      {
        id: ids.noSpan,
        trace_id: xrayTraceId,
        parent_id: ids.root,
        type: 'subsegment',
        name: 'orphan',
        start_time: seconds(3),
        end_time: seconds(4),
      },
    ]);
    const answer = await eventually(async () => {
      const body = await analysis(traceId);
      return body.disagreements?.length >= 5 ? body : undefined;
    });
    const kinds = answer.disagreements.map((d) => `${d.kind} ${d.id}`).sort();
    expect(kinds).toEqual(
      [
        `missing-document ${ids.noDocument}`,
        `missing-span ${ids.noSpan}`,
        `parent ${ids.child}`,
        `status ${ids.child}`,
        `timing ${ids.root}`,
      ].sort(),
    );
    const parent = answer.disagreements.find((d) => d.kind === 'parent');
    expect(parent?.detail).toBe(`span's parent is ${ids.root}, document's is ${ids.other}`);
  });
});
