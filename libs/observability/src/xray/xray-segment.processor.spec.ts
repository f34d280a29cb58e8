import { diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { AlwaysOffSampler, createAlwaysRecordSampler } from '@opentelemetry/sdk-trace';
import { rootOnlyParentSpanId } from '../propagation/root-only-parent';
import { segmentDocumentProblems } from './testing/segment-document.constraints';
import { remoteParent, startXrayTracing, type XrayTracing } from './testing/tracing.fixture';

const TRACE_ID = '6a1b2c3d' + '0123456789abcdef01234567';
const XRAY_TRACE_ID = '1-6a1b2c3d-0123456789abcdef01234567';

describe('XraySegmentProcessor', () => {
  let gateway: XrayTracing;

  beforeEach(async () => {
    gateway = await startXrayTracing({ serviceName: 'gateway' });
  });
  afterEach(() => gateway.close());

  it('sends one trace: SERVER segment, handler subsegment, remote CLIENT subsegment, downstream segment', async () => {
    const server = gateway.tracer.startSpan(
      'GET /api/activities/home',
      { kind: SpanKind.SERVER },
      remoteParent(TRACE_ID, rootOnlyParentSpanId(TRACE_ID)),
    );
    const inServer = trace.setSpan(ROOT_CONTEXT, server);
    const handler = gateway.tracer.startSpan('ActivitiesController.home', { kind: SpanKind.INTERNAL }, inServer);
    const client = gateway.tracer.startSpan(
      'GET',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'peer.service': 'activities',
          'http.request.method': 'GET',
          'url.full': 'http://127.0.0.1:4568/activities/home',
          'http.response.status_code': 200,
        },
      },
      trace.setSpan(ROOT_CONTEXT, handler),
    );
    client.end();
    handler.end();
    server.end();

    // The downstream service continues the trace from the client span's context.
    const activities = await startXrayTracing({ serviceName: 'activities' });
    try {
      const downstream = activities.tracer.startSpan(
        'GET /activities/home',
        { kind: SpanKind.SERVER },
        remoteParent(TRACE_ID, client.spanContext().spanId),
      );
      downstream.end();
      await activities.processor.forceFlush();
      const [downstreamDoc] = await activities.daemon.waitFor(1);
      expect(downstreamDoc).toMatchObject({
        name: 'activities',
        id: downstream.spanContext().spanId,
        parent_id: client.spanContext().spanId,
        trace_id: XRAY_TRACE_ID,
      });
      expect(downstreamDoc.type).toBeUndefined();
    } finally {
      await activities.close();
    }

    const documents = await gateway.daemon.waitFor(3);
    expect(gateway.daemon.headers).toEqual(Array(3).fill('{"format":"json","version":1}'));
    const serverDoc = gateway.daemon.byId(server.spanContext().spanId);
    expect(serverDoc).toMatchObject({ name: 'gateway', trace_id: XRAY_TRACE_ID, service: { version: '1.2.3' } });
    // The parent was the synthetic id for "X-Amzn-Trace-Id had a Root and no Parent": X-Ray sees a root segment.
    expect(serverDoc.parent_id).toBeUndefined();
    expect(serverDoc.type).toBeUndefined();
    expect(gateway.daemon.byId(handler.spanContext().spanId)).toMatchObject({
      type: 'subsegment',
      name: 'ActivitiesController.home',
      trace_id: XRAY_TRACE_ID,
      parent_id: server.spanContext().spanId,
    });
    const clientDoc = gateway.daemon.byId(client.spanContext().spanId);
    expect(clientDoc).toMatchObject({
      type: 'subsegment',
      namespace: 'remote',
      name: 'activities',
      trace_id: XRAY_TRACE_ID,
      parent_id: handler.spanContext().spanId,
      http: { request: { method: 'GET', url: 'http://127.0.0.1:4568/activities/home' }, response: { status: 200 } },
    });
    for (const document of documents) expect(segmentDocumentProblems(document)).toEqual([]);
  });

  it('copies timing from the span in epoch seconds with fractions', async () => {
    const span = gateway.tracer.startSpan('root', { kind: SpanKind.SERVER, startTime: [1_780_000_000, 250_000_000] });
    span.end([1_780_000_001, 500_000_000]);
    const [document] = await gateway.daemon.waitFor(1);
    expect(document.start_time).toBeCloseTo(1_780_000_000.25, 6);
    expect(document.end_time).toBeCloseTo(1_780_000_001.5, 6);
  });

  it('keeps the parent_id of a segment whose remote parent is a real span', async () => {
    const span = gateway.tracer.startSpan(
      'GET /',
      { kind: SpanKind.SERVER },
      remoteParent(TRACE_ID, '1111222233334444'),
    );
    span.end();
    const [document] = await gateway.daemon.waitFor(1);
    expect(document).toMatchObject({ parent_id: '1111222233334444', name: 'gateway' });
  });

  it('makes a local span with no parent a segment, and a CONSUMER span a segment even under a local parent', async () => {
    const root = gateway.tracer.startSpan('background job');
    const consumer = gateway.tracer.startSpan(
      'activity.created',
      { kind: SpanKind.CONSUMER },
      trace.setSpan(ROOT_CONTEXT, root),
    );
    consumer.end();
    root.end();
    await gateway.daemon.waitFor(2);
    expect(gateway.daemon.byId(root.spanContext().spanId)).toMatchObject({ name: 'gateway' });
    expect(gateway.daemon.byId(root.spanContext().spanId).parent_id).toBeUndefined();
    expect(gateway.daemon.byId(consumer.spanContext().spanId)).toMatchObject({
      name: 'gateway',
      parent_id: root.spanContext().spanId,
    });
    expect(gateway.daemon.byId(consumer.spanContext().spanId).type).toBeUndefined();
  });

  it('sends nothing for spans that are recorded but not sampled', async () => {
    const unsampled = await startXrayTracing(
      { serviceName: 'gateway' },
      createAlwaysRecordSampler(new AlwaysOffSampler()),
    );
    try {
      const span = unsampled.tracer.startSpan('GET /', { kind: SpanKind.SERVER });
      expect(span.isRecording()).toBe(true);
      span.end();
      const child = unsampled.tracer.startSpan('child', {}, remoteParent(TRACE_ID, '1111222233334444', false));
      child.end();
      await unsampled.processor.forceFlush();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unsampled.daemon.documents).toEqual([]);
    } finally {
      await unsampled.close();
    }
  });

  it('resolves forceFlush once the documents handed over have been sent', async () => {
    for (let i = 0; i < 20; i += 1) gateway.tracer.startSpan(`span ${i}`, { kind: SpanKind.SERVER }).end();
    await gateway.processor.forceFlush();
    await expect(gateway.daemon.waitFor(20, 500)).resolves.toHaveLength(20);
  });

  it('never throws into the request path: counts failures and logs at most once a minute', () => {
    const warn = jest.fn();
    diag.setLogger(
      { warn, error: jest.fn(), info: jest.fn(), debug: jest.fn(), verbose: jest.fn() },
      DiagLogLevel.WARN,
    );
    try {
      const broken = {
        spanContext: () => ({ traceId: TRACE_ID, spanId: '1111222233334444', traceFlags: 1 }),
        get attributes(): never {
          throw new Error('attributes unavailable');
        },
      } as unknown as ReadableSpan;
      expect(() => gateway.processor.onEnd(broken)).not.toThrow();
      expect(() => gateway.processor.onEnd(broken)).not.toThrow();
      expect(() => gateway.processor.onEnd({} as ReadableSpan)).not.toThrow();
      expect(gateway.processor.failureCount).toBe(3);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toContain('attributes unavailable');
    } finally {
      diag.disable();
    }
  });

  it('stops sending after shutdown', async () => {
    await gateway.processor.shutdown();
    gateway.tracer.startSpan('late', { kind: SpanKind.SERVER }).end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.daemon.documents).toEqual([]);
  });
});
