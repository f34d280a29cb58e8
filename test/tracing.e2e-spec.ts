import { createServer } from 'node:http';
import type { Activity } from '@app/contracts';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { Suite } from './support/suite';
import { segmentDocumentProblems } from '../libs/observability/src/xray/testing/segment-document.constraints';
import { type CollectedTrace, type SegmentDocument, flattenSegments, settledTrace, traceIdOf } from './support/traces';

const CLOUD_IS_FUN = '68f126b0-1ceb-4a33-88be-d90fa7109eee';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One trace, no orphans, and the X-Ray view has the same tree: same ids, same parents. */
function expectOneTreeInBothViews(trace: CollectedTrace, root: { parentSpanId?: string } = {}): void {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const roots = trace.spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  expect(roots).toHaveLength(1);
  expect(roots[0].parentSpanId).toBe(root.parentSpanId);
  const spanParents = Object.fromEntries(trace.spans.map((span) => [span.spanId, span.parentSpanId ?? null]));
  const documents = flattenSegments(trace.segments);
  const segmentParents = Object.fromEntries(documents.map(({ doc, parentId }) => [doc.id, parentId ?? null]));
  expect(segmentParents).toEqual(spanParents);
  expect(trace.xrayTraceId).toBe(`1-${trace.traceId.slice(0, 8)}-${trace.traceId.slice(8)}`);
  for (const segment of trace.segments) expect(segment.trace_id).toBe(trace.xrayTraceId);
}

const kindsBy = (trace: CollectedTrace, service: string) =>
  trace.spans
    .filter((span) => span.serviceName === service)
    .map((span) => span.kind)
    .sort();

describe('one trace per request, the same in X-Ray and OpenTelemetry', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const url = (path: string) => `${suite.baseUrl}${path}`;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      { TRACE_CONTEXT_TEST: '1' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('POST /api/activities with a mention: gateway →HTTP→ activities →TCP event→ notifications →TCP→ activities', async () => {
    const response = await fetch(url('/api/activities'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
    });
    expect(response.status).toBe(201);
    const { traceId, sampled } = traceIdOf(response.headers);
    expect(sampled).toBe(true);
    expect(response.headers.get('x-amzn-trace-id')).toMatch(
      new RegExp(`^Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=[0-9a-f]{16};Sampled=1$`),
    );
    const trace = await settledTrace(collector.url, traceId, 10);
    expectOneTreeInBothViews(trace);
    expect(kindsBy(trace, 'gateway')).toEqual(expect.arrayContaining(['SERVER', 'INTERNAL', 'CLIENT']));
    expect(kindsBy(trace, 'activities')).toEqual(expect.arrayContaining(['SERVER', 'INTERNAL', 'PRODUCER']));
    expect(kindsBy(trace, 'notifications')).toEqual(expect.arrayContaining(['CONSUMER', 'INTERNAL', 'CLIENT']));
    const producer = trace.spans.find((span) => span.kind === 'PRODUCER');
    expect(producer?.attributes).toMatchObject({
      'messaging.system': 'nestjs_tcp',
      'messaging.destination.name': 'activity.created',
    });
    const consumer = trace.spans.find((span) => span.kind === 'CONSUMER');
    expect(consumer?.parentSpanId).toBe(producer?.spanId);
    const resolve = trace.spans.find(
      (span) =>
        span.serviceName === 'activities' &&
        span.kind === 'SERVER' &&
        span.attributes['rpc.method'] === 'activities.users.resolve',
    );
    expect(resolve).toBeDefined();
  });

  it('POST /api/activities/:uuid/reply: gateway →HTTP→ activities →TCP request→ notifications', async () => {
    const response = await fetch(url(`/api/activities/${CLOUD_IS_FUN}/reply`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'garek', message: 'A stitch in time' }),
    });
    expect(response.status).toBe(201);
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 8);
    expectOneTreeInBothViews(trace);
    expect(kindsBy(trace, 'notifications')).toEqual(expect.arrayContaining(['SERVER', 'INTERNAL']));
    const client = trace.spans.find((span) => span.serviceName === 'activities' && span.kind === 'CLIENT');
    expect(client?.attributes).toMatchObject({
      'rpc.system': 'nestjs_tcp',
      'rpc.method': 'notifications.create',
      'peer.service': 'notifications',
    });
    const remote = flattenSegments(trace.segments).find(({ doc }) => doc.id === client?.spanId)?.doc;
    expect(remote).toMatchObject({ namespace: 'remote', name: 'notifications' });
  });

  it('GET /api/activities/notifications: gateway →TCP→ notifications →HTTP→ activities, with the custom subsegments', async () => {
    const response = await fetch(url('/api/activities/notifications'));
    expect(response.status).toBe(200);
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 8);
    expectOneTreeInBothViews(trace);
    expect(kindsBy(trace, 'gateway')).toEqual(expect.arrayContaining(['SERVER', 'CLIENT']));
    expect(kindsBy(trace, 'notifications')).toEqual(expect.arrayContaining(['SERVER', 'CLIENT']));
    expect(kindsBy(trace, 'activities')).toEqual(expect.arrayContaining(['SERVER']));
    const docs = flattenSegments(trace.segments).map(({ doc }) => doc);
    const parent = docs.find((doc) => doc.name === 'notifications_activities');
    const child = docs.find((doc) => doc.name === 'join_activities');
    expect(parent?.annotations).toMatchObject({ app_handle: 'andrewbrown', app_result_length: expect.any(Number) });
    expect(parent?.subsegments?.map((s) => s.id)).toContain(child?.id);
    expect(child?.metadata?.default).toMatchObject({ 'notification results': { number: expect.any(Number) } });
    const gatewaySegment = trace.segments.find((segment) => segment.name === 'gateway');
    expect(gatewaySegment?.http).toMatchObject({ request: { method: 'GET' }, response: { status: 200 } });
  });

  it("GET /api/activities/home carries the original app's home-activities annotations", async () => {
    const response = await fetch(url('/api/activities/home'));
    const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 5);
    const home = flattenSegments(trace.segments).find(({ doc }) => doc.name === 'home-activities')?.doc;
    expect(home?.annotations).toMatchObject({
      app_now: expect.any(String),
      app_result_length: ((await response.json()) as Activity[]).length,
    });
  });

  describe('incoming trace context', () => {
    const parent = 'b7ad6b7169203331';
    const traceId = () =>
      `${Math.floor(Date.now() / 1000).toString(16)}${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}0af7651916cd43dd`;

    it('continues a traceparent', async () => {
      const id = traceId();
      const response = await fetch(url('/api/activities/home'), {
        headers: { traceparent: `00-${id}-${parent}-01`, tracestate: 'vendor=opaque' },
      });
      expect(traceIdOf(response.headers).traceId).toBe(id);
      const trace = await settledTrace(collector.url, id, 4);
      expectOneTreeInBothViews(trace, { parentSpanId: parent });
    });

    it('continues an X-Amzn-Trace-Id with Root, Parent and Sampled=1', async () => {
      const id = traceId();
      const header = `Root=1-${id.slice(0, 8)}-${id.slice(8)};Parent=${parent};Sampled=1`;
      const response = await fetch(url('/api/activities/home'), { headers: { 'X-Amzn-Trace-Id': header } });
      expect(traceIdOf(response.headers).traceId).toBe(id);
      expectOneTreeInBothViews(await settledTrace(collector.url, id, 4), { parentSpanId: parent });
    });

    it('continues an X-Amzn-Trace-Id carrying Root alone, as the root of the trace in X-Ray', async () => {
      const id = traceId();
      const response = await fetch(url('/api/activities/home'), {
        headers: { 'X-Amzn-Trace-Id': `Root=1-${id.slice(0, 8)}-${id.slice(8)}` },
      });
      expect(response.status).toBe(200);
      expect(traceIdOf(response.headers).traceId).toBe(id);
      const trace = await settledTrace(collector.url, id, 4);
      const gateway = trace.segments.find((segment) => segment.name === 'gateway');
      expect(gateway?.parent_id).toBeUndefined();
    });

    it.each([
      ['traceparent', '00-not-a-trace-id-01'],
      ['traceparent', `00-${'0'.repeat(32)}-${parent}-01`],
      ['x-amzn-trace-id', 'Root=garbage;Parent=zz;Sampled=1'],
      ['x-amzn-trace-id', ';;;=='],
    ])('starts a fresh trace, without error, when %s is %s', async (name, value) => {
      const response = await fetch(url('/api/activities/home'), { headers: { [name]: value } });
      expect(response.status).toBe(200);
      const { traceId: fresh, sampled } = traceIdOf(response.headers);
      expect(sampled).toBe(true);
      expect(value).not.toContain(fresh);
      const trace = await settledTrace(collector.url, fresh, 4);
      expectOneTreeInBothViews(trace);
    });

    it.each([
      ['traceparent flags 00', (id: string) => ({ traceparent: `00-${id}-${parent}-00` })],
      [
        'Sampled=0',
        (id: string) => ({ 'X-Amzn-Trace-Id': `Root=1-${id.slice(0, 8)}-${id.slice(8)};Parent=${parent};Sampled=0` }),
      ],
    ])('records nothing anywhere for a request not sampled (%s), down the whole call path', async (_label, headers) => {
      const id = traceId();
      const response = await fetch(url('/api/activities/notifications'), { headers: headers(id) });
      expect(response.status).toBe(200);
      expect(traceIdOf(response.headers)).toMatchObject({ traceId: id, sampled: false });
      expect(response.headers.get('x-amzn-trace-id')).toMatch(/;Sampled=0$/);
      // A sampled request sent after it shows up; the unsampled one never does, in any service.
      const after = await fetch(url('/api/activities/notifications'));
      await settledTrace(collector.url, traceIdOf(after.headers).traceId, 6);
      await sleep(500);
      expect((await request(`${collector.url}/api/traces/${id}`)).status).toBe(404);
    });
  });

  describe('W3C Trace Context test service (TRACE_CONTEXT_TEST=1): the context survives the TCP hop', () => {
    it.each([['01'], ['00']])(
      'with flags %s, each callback carries the same trace id and flags, a new parent, and the tracestate',
      async (flags) => {
        const seen: Array<{ path: string; traceparent?: string; tracestate?: string; body: string }> = [];
        const harness = createServer((req, res) => {
          let body = '';
          req.on('data', (chunk) => (body += chunk));
          req.on('end', () => {
            seen.push({
              path: req.url ?? '',
              traceparent: req.headers.traceparent as string,
              tracestate: req.headers.tracestate as string,
              body,
            });
            res.end('{}');
          });
        });
        await new Promise<void>((resolve) => harness.listen(0, '127.0.0.1', resolve));
        const base = `http://127.0.0.1:${(harness.address() as { port: number }).port}`;
        try {
          const id = `${Math.floor(Date.now() / 1000).toString(16)}4bf92f3577b34da6a3ce929d`;
          const response = await fetch(url('/test'), {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              traceparent: `00-${id}-00f067aa0ba902b7-${flags}`,
              tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
            },
            body: JSON.stringify([
              { url: `${base}/first`, arguments: [{ n: 1 }] },
              { url: `${base}/second`, arguments: [] },
            ]),
          });
          expect(response.status).toBe(200);
          expect(seen.map((item) => item.path)).toEqual(['/first', '/second']);
          expect(JSON.parse(seen[0].body)).toEqual([{ n: 1 }]);
          for (const item of seen) {
            const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(item.traceparent ?? '');
            expect(match?.[1]).toBe(id);
            expect(match?.[2]).not.toBe('00f067aa0ba902b7');
            expect(match?.[3]).toBe(flags);
            expect(item.tracestate).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
          }
        } finally {
          await new Promise((resolve) => harness.close(resolve));
        }
      },
    );

    it('refuses a body that is not a list of {url, arguments}', async () => {
      const response = await request<ErrorBody>(url('/test'), { body: { url: 'x' } });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/JSON array/);
    });
  });

  it('every document the services emitted meets the segment document schema, and every span carries its attributes', async () => {
    const { body: list } = await request<Array<{ traceId: string }>>(`${collector.url}/api/traces?limit=1000`);
    expect(list.length).toBeGreaterThan(10);
    const problems: string[] = [];
    const missing: string[] = [];
    const roles = new Set<string>();
    const required: Record<string, string[]> = {
      'SERVER http': ['http.request.method', 'http.route', 'http.response.status_code', 'url.path'],
      'SERVER rpc': ['rpc.system', 'rpc.service', 'rpc.method', 'cruddur.rpc.status_code'],
      'CLIENT http': [
        'http.request.method',
        'url.full',
        'server.address',
        'server.port',
        'peer.service',
        'http.response.status_code',
      ],
      'CLIENT rpc': [
        'rpc.system',
        'rpc.service',
        'rpc.method',
        'server.address',
        'server.port',
        'peer.service',
        'cruddur.rpc.status_code',
      ],
      PRODUCER: [
        'messaging.system',
        'messaging.destination.name',
        'messaging.operation.type',
        'peer.service',
        'server.address',
      ],
      CONSUMER: ['messaging.system', 'messaging.destination.name', 'messaging.operation.type'],
      handler: ['cruddur.handler'],
    };
    for (const { traceId } of list) {
      const { body: trace } = await request<CollectedTrace>(`${collector.url}/api/traces/${traceId}`);
      // Nested subsegments were sent on their own: check them as they crossed the wire.
      const wire = (doc: SegmentDocument, enclosing?: SegmentDocument): Record<string, unknown> => {
        const { subsegments: _nested, ...rest } = doc;
        return enclosing ? { ...rest, type: 'subsegment', trace_id: trace.xrayTraceId, parent_id: enclosing.id } : rest;
      };
      const walk = (doc: SegmentDocument, enclosing?: SegmentDocument) => {
        for (const problem of segmentDocumentProblems(wire(doc, enclosing)))
          problems.push(`${doc.name} ${doc.id}: ${problem}`);
        for (const child of doc.subsegments ?? []) walk(child, doc);
      };
      trace.segments.forEach((segment) => walk(segment));
      for (const span of trace.spans) {
        const role = span.name.includes('Controller.')
          ? 'handler'
          : span.kind === 'SERVER' || span.kind === 'CLIENT'
            ? `${span.kind} ${'rpc.system' in span.attributes ? 'rpc' : 'http'}`
            : span.kind;
        roles.add(role);
        for (const attribute of required[role] ?? []) {
          // A request refused before routing has no route; a call that never got an answer has no status.
          const optional =
            (attribute === 'http.route' && span.attributes['http.response.status_code'] === 404) ||
            attribute.endsWith('status_code');
          if (!(attribute in span.attributes) && !(optional && span.status.code === 'ERROR'))
            missing.push(`${role} ${span.name}: ${attribute}`);
        }
      }
    }
    expect([...roles].sort()).toEqual(expect.arrayContaining(Object.keys(required).sort()));
    expect(problems).toEqual([]);
    expect(missing).toEqual([]);
  });

  describe('errors', () => {
    it('a handler that throws a 4xx: ERROR span with an exception event, X-Ray error with a cause, the normal answer', async () => {
      const response = await fetch(url('/api/activities/@nobody_at_all'));
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorBody).message).toContain('nobody_at_all');
      const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 5);
      const handler = trace.spans.find(
        (span) => span.serviceName === 'activities' && span.name === 'ActivitiesController.byUser',
      );
      expect(handler?.status.code).toBe('ERROR');
      expect(handler?.events.map((event) => event.name)).toContain('exception');
      const segment = trace.segments.find((doc) => doc.name === 'activities');
      expect(segment).toMatchObject({ error: true, http: { response: { status: 404 } } });
      expect(segment?.fault).not.toBe(true);
      expect(segment?.cause?.exceptions?.[0]?.message).toContain('nobody_at_all');
    });

    it('a handler that fails with a 5xx (its dependency is down): fault and cause in X-Ray, ERROR in OTel', async () => {
      await suite.services.activities.stop();
      try {
        const response = await fetch(url('/api/activities/notifications'));
        expect(response.status).toBe(503);
        const trace = await settledTrace(collector.url, traceIdOf(response.headers).traceId, 4);
        const handler = trace.spans.find((span) => span.name === 'NotificationsController.list');
        expect(handler?.status.code).toBe('ERROR');
        const notifications = trace.segments.find((doc) => doc.name === 'notifications');
        expect(notifications).toMatchObject({ fault: true });
        expect(notifications?.cause?.exceptions?.[0]?.message).toMatch(/activities is unavailable/);
        expect(trace.segments.find((doc) => doc.name === 'gateway')).toMatchObject({
          fault: true,
          http: { response: { status: 503 } },
        });
      } finally {
        await suite.services.activities.start();
      }
    });
  });
});
