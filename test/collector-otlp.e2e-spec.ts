import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { OtelSpan } from '../apps/collector/src/store/otel-span';
import type { OtlpLogRecord } from '../apps/collector/src/otlp/otlp-logs.reader';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

interface TraceDetail {
  traceId: string;
  xrayTraceId: string;
  spans: OtelSpan[];
}

interface Stats {
  protocols: Record<string, { accepted: number; rejected: number; evicted: number }>;
  stores: { traces: { traces: number; evictedTraces: number; maxTraces: number; bytes: number; maxBytes: number } };
  memory: { rss: number; heapUsed: number };
}

/** Sends a small span tree through a real OTel SDK and exporter; returns the ids it created. */
async function exportTree(exporter: SpanExporter, service: string) {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'service.version': '1.2.3' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('e2e-test', '0.0.1');
  const server = tracer.startSpan('GET /api/activities/home', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': 'GET',
      'http.response.status_code': 500,
      'app.ratio': 0.25,
      'app.flag': true,
      'app.tags': ['a', 'b'],
    },
  });
  const child = tracer.startSpan(
    'activities.list',
    { kind: SpanKind.CLIENT, links: [{ context: server.spanContext(), attributes: { 'link.why': 'test' } }] },
    trace.setSpan(context.active(), server),
  );
  child.addEvent('cache miss', { 'cache.key': 'home' });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'activities timed out' });
  child.end();
  server.setStatus({ code: SpanStatusCode.OK });
  server.end();
  await provider.forceFlush();
  await provider.shutdown();
  return {
    traceId: server.spanContext().traceId,
    serverId: server.spanContext().spanId,
    childId: child.spanContext().spanId,
  };
}

describe('collector: OTLP/HTTP receiver', () => {
  let collector: CollectorProcess;

  beforeAll(async () => {
    collector = await CollectorProcess.start({ COLLECTOR_BODY_LIMIT_BYTES: String(256 * 1024) });
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  const getTrace = (id: string) => request<TraceDetail>(`${collector.url}/api/traces/${id}`);

  it.each([
    ['protobuf', () => new OtlpProtoExporter({ url: `${collector.url}/v1/traces` })],
    ['JSON', () => new OtlpHttpJsonExporter({ url: `${collector.url}/v1/traces` })],
  ])(
    'keeps spans exported as %s with their ids, parents, kinds, attributes and status',
    async (_encoding, makeExporter) => {
      const ids = await exportTree(makeExporter(), `svc-${_encoding}`);
      const { status, body } = await getTrace(ids.traceId);
      expect(status).toBe(200);
      expect(body.traceId).toBe(ids.traceId);
      expect(body.xrayTraceId).toBe(`1-${ids.traceId.slice(0, 8)}-${ids.traceId.slice(8)}`);
      const server = body.spans.find((s) => s.spanId === ids.serverId);
      const child = body.spans.find((s) => s.spanId === ids.childId);
      expect(server).toMatchObject({
        name: 'GET /api/activities/home',
        kind: 'SERVER',
        status: { code: 'OK' },
        serviceName: `svc-${_encoding}`,
        resource: { 'service.name': `svc-${_encoding}`, 'service.version': '1.2.3' },
        scope: { name: 'e2e-test', version: '0.0.1' },
        attributes: {
          'http.request.method': 'GET',
          'http.response.status_code': 500,
          'app.ratio': 0.25,
          'app.flag': true,
          'app.tags': ['a', 'b'],
        },
      });
      expect(server?.parentSpanId).toBeUndefined();
      expect(child).toMatchObject({
        parentSpanId: ids.serverId,
        kind: 'CLIENT',
        status: { code: 'ERROR', message: 'activities timed out' },
        events: [{ name: 'cache miss', attributes: { 'cache.key': 'home' } }],
        links: [{ traceId: ids.traceId, spanId: ids.serverId, attributes: { 'link.why': 'test' } }],
      });
      expect(BigInt(child!.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(child!.startTimeUnixNano));
    },
  );

  it('ingests the OTLP JSON examples of a trace and a log request', async () => {
    const traces = await request(`${collector.url}/v1/traces`, {
      body: JSON.parse(fixture('otlp-trace-request.json')),
    });
    expect(traces).toMatchObject({ status: 200, body: {} });
    const logs = await request(`${collector.url}/v1/logs`, { body: JSON.parse(fixture('otlp-logs-request.json')) });
    expect(logs).toMatchObject({ status: 200, body: {} });

    const { body } = await getTrace('6a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8');
    expect(body.spans).toEqual([
      expect.objectContaining({
        spanId: 'c0ffee00decaf001',
        parentSpanId: 'c0ffee00decaf000',
        kind: 'SERVER',
        startTimeUnixNano: '1700000000000000000',
        endTimeUnixNano: '1700000000250000000',
        serviceName: 'cruddur.fixture',
        scope: { name: 'cruddur.fixture.scope', version: '2.1.0' },
        attributes: { 'http.route': '/api/activities/home' },
        status: { code: 'UNSET' },
      }),
    ]);
    const found = await request<{ otlp: OtlpLogRecord[] }>(
      `${collector.url}/api/logs?trace_id=1-6a1f3c0e-9b2d47e8a5c4b3d2e1f0a9b8`,
    );
    expect(found.body.otlp).toEqual([
      expect.objectContaining({
        body: 'home feed served',
        severityNumber: 9,
        severityText: 'Info',
        spanId: 'c0ffee00decaf001',
        attributes: {
          'feed.handle': 'andrewbrown',
          'feed.cached': false,
          'feed.size': 3,
          'feed.score': 42.5,
          'feed.handles': ['garek', 'worf'],
          'feed.request': { page: 1 },
        },
      }),
    ]);
  });

  it('accepts gzip-compressed bodies', async () => {
    const payload = JSON.parse(fixture('otlp-trace-request.json'));
    payload.resourceSpans[0].scopeSpans[0].spans[0].traceId = '7a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8';
    const response = await fetch(`${collector.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(payload)),
    });
    expect(response.status).toBe(200);
    expect((await getTrace('7a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8')).status).toBe(200);
  });

  describe('bad input', () => {
    const good = (traceId: string) => ({
      traceId,
      spanId: '1111111111111111',
      name: 'good',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000001000000000',
    });
    const envelope = (spans: unknown[]) => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] });

    it('keeps the valid spans of a request and reports the others in partial_success', async () => {
      const { status, body } = await request<{ partialSuccess: { rejectedSpans: string; errorMessage: string } }>(
        `${collector.url}/v1/traces`,
        {
          body: envelope([
            { ...good('8a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8'), spanId: 'xyz' },
            { ...good('8a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8'), spanId: '2222222222222222', kind: 9 },
            {
              ...good('8a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8'),
              spanId: '3333333333333333',
              attributes: [{ key: 'n', value: { intValue: 'many' } }],
            },
            good('8a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8'),
          ]),
        },
      );
      expect(status).toBe(200);
      expect(body.partialSuccess.rejectedSpans).toBe('3');
      expect(body.partialSuccess.errorMessage).toContain('spanId must be 8 bytes');
      expect(body.partialSuccess.errorMessage).toContain('kind must be one of');
      expect(body.partialSuccess.errorMessage).toContain('intValue must be an integer');
      const kept = await getTrace('8a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8');
      expect(kept.body.spans.map((s) => s.spanId)).toEqual(['1111111111111111']);
    });

    it.each([
      ['truncated JSON', 'application/json', '{"resourceSpans": [', 400, /not valid JSON/],
      [
        'a wrong envelope type',
        'application/json',
        '{"resourceSpans": {"a": 1}}',
        400,
        /resourceSpans must be an array/,
      ],
      [
        'bytes that are not protobuf',
        'application/x-protobuf',
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]),
        400,
        /not a valid protobuf message/,
      ],
      [
        'a wrong content type',
        'text/plain',
        'hello',
        415,
        /Content-Type must be application\/x-protobuf or application\/json/,
      ],
      ['an unknown content encoding', 'application/json', '{}', 415, /Content-Encoding "zstd"/],
      [
        'an oversized body',
        'application/json',
        `{"pad": "${'x'.repeat(300 * 1024)}"}`,
        413,
        /larger than the limit of 262144 bytes/,
      ],
    ])('refuses %s with a clear message', async (_label, type, body, status, message) => {
      const response = await fetch(`${collector.url}/v1/traces`, {
        method: 'POST',
        headers: {
          'content-type': type,
          ...(_label === 'an unknown content encoding' ? { 'content-encoding': 'zstd' } : {}),
        },
        body,
      });
      expect(response.status).toBe(status);
      const text = await response.text();
      if (type === 'application/x-protobuf') {
        expect(response.headers.get('content-type')).toContain('application/x-protobuf');
        expect(text).toMatch(message);
      } else {
        const status = JSON.parse(text) as { code: number; message: string };
        expect(status.code).toBe(3);
        expect(status.message).toMatch(message);
      }
      // The collector keeps serving, and good data sent next is kept.
      const next = await request(`${collector.url}/v1/traces`, {
        body: envelope([good('9a1f3c0e9b2d47e8a5c4b3d2e1f0a9b8')]),
      });
      expect(next.status).toBe(200);
    });

    it('counts accepted and rejected spans in /api/stats', async () => {
      const stats = await request<Stats>(`${collector.url}/api/stats`);
      expect(stats.body.protocols.otlp_traces.accepted).toBeGreaterThanOrEqual(4);
      expect(stats.body.protocols.otlp_traces.rejected).toBeGreaterThanOrEqual(3 + 6);
      expect(stats.body.memory.rss).toBeGreaterThan(0);
    });
  });
});

describe('collector: bounded trace store', () => {
  it('evicts the oldest traces when full, counts them, and keeps memory bounded', async () => {
    const collector = await CollectorProcess.start({ COLLECTOR_MAX_TRACES: '50' });
    try {
      const traceId = (i: number) => `ab${i.toString(16).padStart(30, '0')}`;
      for (let batch = 0; batch < 20; batch++) {
        const spans = Array.from({ length: 25 }, (_, k) => ({
          traceId: traceId(batch * 25 + k + 1),
          spanId: 'aaaaaaaaaaaaaaaa',
          name: `flood ${batch * 25 + k + 1}`,
          startTimeUnixNano: '1700000000000000000',
          endTimeUnixNano: '1700000000001000000',
          attributes: [{ key: 'pad', value: { stringValue: 'y'.repeat(2000) } }],
        }));
        const { status } = await request(`${collector.url}/v1/traces`, {
          body: { resourceSpans: [{ scopeSpans: [{ spans }] }] },
        });
        expect(status).toBe(200);
      }
      const stats = await eventually(async () => (await request<Stats>(`${collector.url}/api/stats`)).body);
      expect(stats.stores.traces).toMatchObject({ traces: 50, maxTraces: 50, evictedTraces: 450 });
      expect(stats.protocols.otlp_traces).toMatchObject({ accepted: 500, evicted: 450 });
      expect((await request(`${collector.url}/api/traces/${traceId(500)}`)).status).toBe(200);
      expect((await request(`${collector.url}/api/traces/${traceId(1)}`)).status).toBe(404);
      expect((await request<unknown[]>(`${collector.url}/api/traces?limit=1000`)).body).toHaveLength(50);
    } finally {
      expect(await collector.stop()).toBe(0);
    }
  });

  it('also holds to its byte limit: with traces of ~2 KB and a 100 KB limit, the oldest go', async () => {
    const collector = await CollectorProcess.start({ COLLECTOR_MAX_TRACE_BYTES: String(100 * 1024) });
    try {
      for (let i = 1; i <= 200; i++) {
        const span = {
          traceId: `cd${i.toString(16).padStart(30, '0')}`,
          spanId: 'bbbbbbbbbbbbbbbb',
          name: 'heavy',
          startTimeUnixNano: '1700000000000000000',
          endTimeUnixNano: '1700000000001000000',
          attributes: [{ key: 'pad', value: { stringValue: 'z'.repeat(2000) } }],
        };
        await request(`${collector.url}/v1/traces`, { body: { resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] } });
      }
      const { body } = await request<Stats>(`${collector.url}/api/stats`);
      expect(body.stores.traces.bytes).toBeLessThanOrEqual(100 * 1024);
      expect(body.stores.traces.traces).toBeGreaterThan(20);
      expect(body.stores.traces.traces + body.stores.traces.evictedTraces).toBe(200);
      expect((await request(`${collector.url}/api/traces/cd${(200).toString(16).padStart(30, '0')}`)).status).toBe(200);
    } finally {
      expect(await collector.stop()).toBe(0);
    }
  });
});
