import type { TraceListItem } from '../apps/collector/src/api/explorer.contract';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, eventually, request } from './support/http';
import { type SpanSpec, hex, newTraceId, postSpans, sendSegments, xrayIdOf } from './support/otlp-json';

type ListItem = TraceListItem;

/** A gateway request calling activities over HTTP, answered with `status`, lasting `durationMs`. */
function gatewayTrace(startMs: number, durationMs: number, status: number, route: string) {
  const traceId = newTraceId();
  const ids = { server: hex(8), client: hex(8), callee: hex(8) };
  const spans: SpanSpec[] = [
    {
      service: 'gateway',
      spanId: ids.server,
      name: `GET ${route}`,
      kind: 'SERVER' as const,
      startMs,
      endMs: startMs + durationMs,
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
    },
    {
      service: 'gateway',
      spanId: ids.client,
      parentSpanId: ids.server,
      name: 'GET',
      kind: 'CLIENT' as const,
      startMs: startMs + 1,
      endMs: startMs + durationMs - 1,
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
    },
    {
      service: 'activities',
      spanId: ids.callee,
      parentSpanId: ids.client,
      name: 'GET /activities/home',
      kind: 'SERVER' as const,
      startMs: startMs + 2,
      endMs: startMs + durationMs - 2,
      attributes: { 'http.request.method': 'GET', 'http.response.status_code': status },
    },
  ];
  return { traceId, ids, spans };
}

describe('collector: GET /api/traces searches the traces', () => {
  let collector: CollectorProcess;
  const now = Date.now();
  const fast = gatewayTrace(now - 3000, 20, 200, '/api/activities/home');
  const slowFault = gatewayTrace(now - 2000, 900, 503, '/api/activities/home');
  const throttled = gatewayTrace(now - 1000, 50, 429, '/api/messages');
  // A TCP request from notifications to activities, with an annotation listed on the span.
  const tcp = (() => {
    const traceId = newTraceId();
    const ids = { consumer: hex(8), client: hex(8), server: hex(8) };
    const spans: SpanSpec[] = [
      {
        service: 'notifications',
        spanId: ids.consumer,
        name: 'activity.created',
        kind: 'CONSUMER' as const,
        startMs: now - 500,
        endMs: now - 400,
        attributes: {
          'messaging.system': 'nestjs_tcp',
          'cruddur.handle': 'worf',
          'aws.xray.annotations': ['cruddur.handle'],
        },
      },
      {
        service: 'notifications',
        spanId: ids.client,
        parentSpanId: ids.consumer,
        name: 'activities.users.resolve',
        kind: 'CLIENT' as const,
        startMs: now - 480,
        endMs: now - 420,
        attributes: { 'rpc.system': 'nestjs_tcp', 'cruddur.rpc.status_code': 404 },
      },
      {
        service: 'activities',
        spanId: ids.server,
        parentSpanId: ids.client,
        name: 'activities.users.resolve',
        kind: 'SERVER' as const,
        startMs: now - 470,
        endMs: now - 430,
        attributes: { 'rpc.system': 'nestjs_tcp', 'cruddur.rpc.status_code': 404 },
      },
    ];
    return { traceId, ids, spans };
  })();
  // An X-Ray-only trace with an annotation.
  const xrayOnly = { traceId: newTraceId(), id: hex(8) };

  const list = async (query: string) => (await request<ListItem[]>(`${collector.url}/api/traces?${query}`)).body;
  const ids = async (query: string) => (await list(query)).map((item) => item.traceId);

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    for (const trace of [fast, slowFault, throttled, tcp]) await postSpans(collector.url, trace.traceId, trace.spans);
    await sendSegments(collector.daemonPort, [
      {
        id: xrayOnly.id,
        trace_id: xrayIdOf(xrayOnly.traceId),
        name: 'legacy',
        start_time: (now - 100) / 1000,
        end_time: (now - 50) / 1000,
        annotations: { tenant: 'acme', attempt: 3 },
        error: true,
      },
    ]);
    await eventually(async () => ((await list('limit=1000')).length === 5 ? true : undefined));
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  it('lists every trace newest first by start time, as TraceListItem', async () => {
    const items = await list('');
    expect(items.map((item) => item.traceId)).toEqual([
      xrayOnly.traceId,
      tcp.traceId,
      throttled.traceId,
      slowFault.traceId,
      fast.traceId,
    ]);
    expect(items.find((item) => item.traceId === slowFault.traceId)).toMatchObject({
      xrayTraceId: xrayIdOf(slowFault.traceId),
      rootName: 'GET /api/activities/home',
      rootService: 'gateway',
      services: ['activities', 'gateway'],
      health: 'fault',
      httpStatus: 503,
      durationMs: 900,
      spanCount: 3,
      segmentCount: 0,
    });
    expect(items.find((item) => item.traceId === tcp.traceId)).not.toHaveProperty('httpStatus');
    expect((await list('limit=2')).length).toBe(2);
  });

  it.each([
    ['status=ok', () => [fast.traceId]],
    ['status=fault', () => [slowFault.traceId]],
    ['status=throttle', () => [throttled.traceId]],
    ['status=error', () => [xrayOnly.traceId, tcp.traceId]],
    ['service=notifications', () => [tcp.traceId]],
    ['node=activities', () => [tcp.traceId, throttled.traceId, slowFault.traceId, fast.traceId]],
    ['operation=GET%20%2Fapi%2Fmessages', () => [throttled.traceId]],
    ['operation=activities.users.resolve', () => [tcp.traceId]],
    ['minDurationMs=100', () => [tcp.traceId, slowFault.traceId]],
    ['maxDurationMs=30', () => [fast.traceId]],
    ['minDurationMs=40&maxDurationMs=60', () => [xrayOnly.traceId, throttled.traceId]],
    ['annotation=tenant%3Dacme', () => [xrayOnly.traceId]],
    ['annotation=attempt%3D3', () => [xrayOnly.traceId]],
    ['annotation=cruddur.handle%3Dworf', () => [tcp.traceId]],
    ['annotation=cruddur_handle%3Dworf', () => [tcp.traceId]],
    ['annotation=tenant%3Dother', () => []],
    ['edge=gateway->activities:http', () => [throttled.traceId, slowFault.traceId, fast.traceId]],
    ['edge=notifications->activities:tcp-request', () => [tcp.traceId]],
    ['edge=notifications->activities:http', () => []],
    [`from=${now - 2500}&to=${now - 700}`, () => [throttled.traceId, slowFault.traceId]],
    ['service=gateway&status=fault', () => [slowFault.traceId]],
  ])('filters with %s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected());
  });

  it('finds a trace by its id in any form', async () => {
    const { traceId } = slowFault;
    const xray = xrayIdOf(traceId);
    for (const form of [
      traceId,
      traceId.toUpperCase(),
      xray,
      `00-${traceId}-${slowFault.ids.server}-01`,
      `Root=${xray};Parent=${slowFault.ids.server};Sampled=1`,
    ])
      expect(await ids(`id=${encodeURIComponent(form)}`)).toEqual([traceId]);
  });

  it.each([
    ['status=broken', /status must be one of ok, error, fault, throttle/],
    ['minDurationMs=abc', /minDurationMs must be a number/],
    ['minDurationMs=10&maxDurationMs=5', /minDurationMs must not be greater than maxDurationMs/],
    ['from=yesterday', /from must be a number/],
    ['annotation=novalue', /annotation must be key=value/],
    ['id=nope', /id: "nope" is not a trace id/],
    ['edge=gateway-activities', /edge must be from->to:transport/],
    ['edge=a->b:smoke', /edge must be from->to:transport/],
    ['limit=1001', /limit must be an integer from 1 to 1000/],
    ['service=a&service=b', /service must be given once/],
  ])('answers 400 to %s', async (query, message) => {
    const answer = await request<ErrorBody>(`${collector.url}/api/traces?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });
});
