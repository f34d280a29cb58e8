import type { ServiceMapResponse, ServiceMapView as MapView } from '../apps/collector/src/api/explorer.contract';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';
import { hex, newTraceId, postSpans, sendSegments, xrayIdOf } from './support/otlp-json';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

type MapAnswer = ServiceMapResponse;

const edgeKeys = (view: MapView) => view.edges.map((edge) => `${edge.from}->${edge.to}:${edge.transport}`);

describe('collector: GET /api/map draws the service map of both views', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const map = async (window: string) => (await request<MapAnswer>(`${collector.url}/api/map?window=${window}`)).body;

  /** alpha calls beta over HTTP, the call answered `status` after `ms`, `agoMs` before now; spans only. */
  const alphaCallsBeta = async (status: number, ms: number, agoMs = 1000) => {
    const traceId = newTraceId();
    const start = Date.now() - agoMs;
    const ids = { server: hex(8), client: hex(8), callee: hex(8) };
    const http = { 'http.request.method': 'GET', 'http.response.status_code': status };
    await postSpans(collector.url, traceId, [
      {
        service: 'alpha',
        spanId: ids.server,
        name: 'GET /a',
        kind: 'SERVER',
        startMs: start,
        endMs: start + ms + 2,
        attributes: http,
      },
      {
        service: 'alpha',
        spanId: ids.client,
        parentSpanId: ids.server,
        name: 'GET',
        kind: 'CLIENT',
        startMs: start + 1,
        endMs: start + 1 + ms,
        attributes: http,
      },
      {
        service: 'beta',
        spanId: ids.callee,
        parentSpanId: ids.client,
        name: 'GET /b',
        kind: 'SERVER',
        startMs: start + 1,
        endMs: start + ms,
        attributes: http,
      },
    ]);
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start({}, { otlpUrl: collector.url, daemonAddress: collector.daemonAddress });
    const response = await fetch(`${suite.baseUrl}/api/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: 'worf', message: 'Qapla, @garek!', ttl: '1-day' }),
    });
    expect(response.status).toBe(201);
    await settledTrace(collector.url, traceIdOf(response.headers).traceId, 10);
    // Ten calls alpha → beta: 10, 20, ..., 100 ms; one 503, one 429, one 404.
    const statuses = [200, 200, 200, 200, 200, 200, 200, 503, 429, 404];
    for (let i = 0; i < 10; i++) await alphaCallsBeta(statuses[i], (i + 1) * 10);
    // One from 30 minutes ago, outside the 5m and 15m windows.
    await alphaCallsBeta(200, 1000, 30 * 60_000);
    // An X-Ray-only service calling beta: only in X-Ray's view.
    const traceId = newTraceId();
    const now = Date.now() / 1000;
    const call = hex(8);
    await sendSegments(collector.daemonPort, [
      {
        id: hex(8),
        trace_id: xrayIdOf(traceId),
        name: 'legacy',
        start_time: now - 1,
        end_time: now - 0.5,
        subsegments: [
          { id: call, name: 'beta', namespace: 'remote', start_time: now - 0.9, end_time: now - 0.6, http: {} },
        ],
      },
      {
        id: hex(8),
        trace_id: xrayIdOf(traceId),
        parent_id: call,
        name: 'beta',
        start_time: now - 0.8,
        end_time: now - 0.7,
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  afterAll(async () => {
    await suite?.stop();
    expect(await collector?.stop()).toBe(0);
  });

  it("draws the real suite's calls the same in both views, with their transports", async () => {
    const answer = await map('5m');
    const suiteEdges = (view: MapView) =>
      edgeKeys(view).filter((key) => /^(gateway|activities|notifications)->/.test(key));
    const expected = [
      'activities->notifications:tcp-event',
      'gateway->activities:http',
      'notifications->activities:tcp-request',
    ];
    expect(suiteEdges(answer.otel)).toEqual(expected);
    expect(suiteEdges(answer.xray)).toEqual(expected);
    for (const name of ['gateway', 'activities', 'notifications']) {
      expect(answer.otel.nodes.map((n) => n.name)).toContain(name);
      expect(answer.xray.nodes.map((n) => n.name)).toContain(name);
    }
    expect(answer.differences.filter((d) => /gateway|activities|notifications/.test(d.key))).toEqual([]);
  });

  it('counts figures of the window: rates, percentiles, health', async () => {
    const answer = await map('5m');
    expect(answer.window).toBe('5m');
    expect(answer.to - answer.from).toBe(300_000);
    const edge = answer.otel.edges.find((e) => e.from === 'alpha' && e.to === 'beta');
    expect(edge).toEqual({
      from: 'alpha',
      to: 'beta',
      transport: 'http',
      count: 10,
      perSecond: Math.round((10 / 300) * 1000) / 1000,
      errorRate: 0.1,
      faultRate: 0.1,
      throttleRate: 0.1,
      p50Ms: 50,
      p99Ms: 100,
      health: 'fault',
    });
    expect(answer.otel.nodes.find((n) => n.name === 'beta')).toMatchObject({ count: 10, p50Ms: 49, p99Ms: 99 });
    expect(answer.otel.nodes.find((n) => n.name === 'alpha')).toMatchObject({ count: 10, health: 'fault' });
    // The old call is in the hour's window and in all.
    expect((await map('1h')).otel.edges.find((e) => e.from === 'alpha')?.count).toBe(11);
    expect((await map('all')).otel.edges.find((e) => e.from === 'alpha')?.count).toBe(11);
    expect((await map('15m')).otel.edges.find((e) => e.from === 'alpha')?.count).toBe(10);
  });

  it('names what one view has and the other lacks', async () => {
    const { differences } = await map('5m');
    expect(differences).toEqual(
      expect.arrayContaining([
        { kind: 'node', key: 'alpha', onlyIn: 'otel' },
        { kind: 'edge', key: 'alpha->beta:http', onlyIn: 'otel' },
        { kind: 'node', key: 'legacy', onlyIn: 'xray' },
        { kind: 'edge', key: 'legacy->beta:http', onlyIn: 'xray' },
      ]),
    );
  });

  it('answers 400 to a window it does not know', async () => {
    const answer = await request<ErrorBody>(`${collector.url}/api/map?window=2d`);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('window must be one of 5m, 15m, 1h, all, not "2d"');
  });
});
