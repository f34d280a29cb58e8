import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, eventually, request } from './support/http';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One request's trace as both systems describe it: same trace id, segment ids equal to span ids. */
function sameTraceInBothViews() {
  const traceId = Math.floor(Date.now() / 1000).toString(16) + hex(12);
  const xrayTraceId = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
  const ids = { gateway: hex(8), call: hex(8), activities: hex(8) };
  const start = Date.now() / 1000 - 1;
  const nanos = (seconds: number) => String(BigInt(Math.round(seconds * 1e6)) * 1000n);
  const span = (
    service: string,
    spanId: string,
    parentSpanId: string | undefined,
    name: string,
    kind: number,
    from: number,
    to: number,
  ) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [
      {
        spans: [
          {
            traceId,
            spanId,
            ...(parentSpanId ? { parentSpanId } : {}),
            name,
            kind,
            startTimeUnixNano: nanos(from),
            endTimeUnixNano: nanos(to),
          },
        ],
      },
    ],
  });
  const otlp = {
    resourceSpans: [
      span('gateway', ids.gateway, undefined, 'GET /api/activities/home', 2, start, start + 0.3),
      span('gateway', ids.call, ids.gateway, 'GET activities', 3, start + 0.05, start + 0.25),
      span('activities', ids.activities, ids.call, 'GET /activities/home', 2, start + 0.1, start + 0.2),
    ],
  };
  const segments = [
    {
      id: ids.gateway,
      trace_id: xrayTraceId,
      name: 'gateway',
      start_time: start,
      end_time: start + 0.3,
      subsegments: [
        { id: ids.call, name: 'activities', namespace: 'remote', start_time: start + 0.05, end_time: start + 0.25 },
      ],
    },
    {
      id: ids.activities,
      trace_id: xrayTraceId,
      parent_id: ids.call,
      name: 'activities',
      start_time: start + 0.1,
      end_time: start + 0.2,
    },
  ];
  return { traceId, xrayTraceId, ids, otlp, segments };
}

interface TraceDetail {
  traceId: string;
  xrayTraceId: string;
  services: string[];
  spanCount: number;
  segmentCount: number;
  spans: Array<{ spanId: string; parentSpanId?: string; serviceName: string }>;
  segments: Array<{ id: string; parent_id?: string; name: string; subsegments?: Array<{ id: string }> }>;
}

describe('collector: read API joining X-Ray, OpenTelemetry, logs and error reports', () => {
  let collector: CollectorProcess;
  const trace = sameTraceInBothViews();

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    // OpenTelemetry's view, over OTLP/HTTP.
    expect((await request(`${collector.url}/v1/traces`, { body: trace.otlp })).status).toBe(200);
    // X-Ray's view, as the daemon receives it over UDP.
    const socket = createSocket('udp4');
    for (const segment of trace.segments) {
      const datagram = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(segment)}`);
      await new Promise<void>((resolve, reject) =>
        socket.send(datagram, collector.daemonPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
      );
    }
    socket.close();
    // A log line through the CloudWatch Logs API, and an error report through Rollbar's.
    const logs = new CloudWatchLogsClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'cruddur' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'cruddur', logStreamName: 'gateway' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'cruddur',
        logStreamName: 'gateway',
        logEvents: [
          {
            timestamp: Date.now(),
            message: JSON.stringify({ level: 'info', message: 'home served', trace_id: trace.traceId }),
          },
        ],
      }),
    );
    logs.destroy();
    const item = await request(`${collector.url}/api/1/item/`, {
      body: {
        data: {
          environment: 'test',
          level: 'error',
          body: { message: { body: 'boom' } },
          custom: { xray_trace_id: trace.xrayTraceId },
        },
      },
      headers: { 'x-rollbar-access-token': 'local' },
    });
    expect(item.status).toBe(200);
  });

  afterAll(async () => {
    expect(await collector?.stop()).toBe(0);
  });

  it('shows one trace with both views, by either form of its id', async () => {
    const detail = await eventually(async () => {
      const { body } = await request<TraceDetail>(`${collector.url}/api/traces/${trace.xrayTraceId}`);
      // Three (sub)segments: the gateway's segment, the call nested in it, activities' segment.
      return body.segmentCount === 3 ? body : undefined;
    });
    expect(detail).toMatchObject({
      traceId: trace.traceId,
      xrayTraceId: trace.xrayTraceId,
      services: ['activities', 'gateway'],
      spanCount: 3,
    });
    expect(detail.spans.map((s) => [s.spanId, s.parentSpanId ?? null, s.serviceName])).toEqual([
      [trace.ids.gateway, null, 'gateway'],
      [trace.ids.call, trace.ids.gateway, 'gateway'],
      [trace.ids.activities, trace.ids.call, 'activities'],
    ]);
    expect(detail.segments.map((s) => [s.id, s.parent_id ?? null, s.name])).toEqual([
      [trace.ids.gateway, null, 'gateway'],
      [trace.ids.activities, trace.ids.call, 'activities'],
    ]);
    expect(detail.segments[0].subsegments?.map((s) => s.id)).toEqual([trace.ids.call]);
    expect(
      (await request<TraceDetail>(`${collector.url}/api/traces/${trace.traceId.toUpperCase()}`)).body.traceId,
    ).toBe(trace.traceId);

    const list = await request<Array<{ traceId: string; spanCount: number; segmentCount: number }>>(
      `${collector.url}/api/traces?service=activities`,
    );
    expect(list.body).toEqual([expect.objectContaining({ traceId: trace.traceId, spanCount: 3, segmentCount: 3 })]);
  });

  it('draws the service map from both views', async () => {
    const { body } = await request<{
      otel: { edges: Array<{ from: string; to: string; calls: number }> };
      xray: Array<{ Name: string; Type?: string; ReferenceId: number; Edges: Array<{ ReferenceId: number }> }>;
    }>(`${collector.url}/api/service-map`);
    expect(body.otel.edges).toEqual([expect.objectContaining({ from: 'gateway', to: 'activities', calls: 1 })]);
    const gateway = body.xray.find((s) => s.Name === 'gateway' && s.Type !== 'client');
    const activities = body.xray.find((s) => s.Name === 'activities');
    expect(gateway?.Edges.map((e) => e.ReferenceId)).toContain(activities?.ReferenceId);
  });

  it("finds the trace's log lines and error reports by its id", async () => {
    const logs = await request<{ cloudwatch: Array<{ message: string; logStreamName: string }> }>(
      `${collector.url}/api/logs?trace_id=${trace.xrayTraceId}`,
    );
    expect(logs.body.cloudwatch).toEqual([
      expect.objectContaining({ logStreamName: 'gateway', message: expect.stringContaining('home served') }),
    ]);
    const errors = await request<Array<{ title: string; traceId: string }>>(
      `${collector.url}/api/errors?trace_id=${trace.traceId}`,
    );
    expect(errors.body).toEqual([expect.objectContaining({ title: 'boom', traceId: trace.traceId })]);
  });

  it('reports every store and protocol in /api/stats', async () => {
    const { body } = await request<{
      protocols: Record<string, { accepted: number }>;
      stores: Record<string, object>;
      memory: { rss: number };
    }>(`${collector.url}/api/stats`);
    expect(Object.keys(body.stores).sort()).toEqual(['cloudwatchLogs', 'errors', 'otlpLogs', 'traces']);
    expect(body.protocols).toMatchObject({
      otlp_traces: { accepted: 3 },
      xray_udp: { accepted: 2 },
      cloudwatch_logs: { accepted: expect.any(Number) },
      rollbar: { accepted: 1 },
    });
  });

  it.each([
    ['/api/traces/not-a-trace-id', 400, /not a trace id/],
    ['/api/traces/00000000000000000000000000000001', 404, /no trace/],
    ['/api/traces?limit=0', 400, /limit must be an integer/],
    ['/api/logs', 400, /trace_id is required/],
    ['/api/logs?trace_id=1-xyz', 400, /not a trace id/],
  ])('answers %s with %i and a clear message', async (path, status, message) => {
    const answer = await request<ErrorBody>(`${collector.url}${path}`);
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
  });
});
