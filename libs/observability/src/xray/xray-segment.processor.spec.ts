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
    // One datagram for the gateway's share of the request: the segment with its subsegments nested, as the SDK sends it.
    expect(gateway.daemon.headers).toEqual(['{"format":"json","version":1}']);
    expect(gateway.daemon.datagrams).toEqual([
      expect.objectContaining({
        id: server.spanContext().spanId,
        subsegments: [
          expect.objectContaining({
            id: handler.spanContext().spanId,
            subsegments: [expect.objectContaining({ id: client.spanContext().spanId, namespace: 'remote' })],
          }),
        ],
      }),
    ]);
    const [nestedHandler] = gateway.daemon.datagrams[0].subsegments as Record<string, unknown>[];
    for (const field of ['type', 'trace_id', 'parent_id']) expect(nestedHandler[field]).toBeUndefined();
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
    for (const document of [...documents, ...gateway.daemon.datagrams])
      expect(segmentDocumentProblems(document)).toEqual([]);
  });

  it('sends a subsegment that ends after its segment on its own, with its trace and parent', async () => {
    const server = gateway.tracer.startSpan(
      'GET /',
      { kind: SpanKind.SERVER },
      remoteParent(TRACE_ID, '1111222233334444'),
    );
    const late = gateway.tracer.startSpan('audit', {}, trace.setSpan(ROOT_CONTEXT, server));
    server.end();
    late.end();
    await gateway.daemon.waitFor(2);
    expect(gateway.daemon.datagrams).toHaveLength(2);
    expect(gateway.daemon.datagrams[0]).toMatchObject({ id: server.spanContext().spanId });
    expect(gateway.daemon.datagrams[0].subsegments).toBeUndefined();
    expect(gateway.daemon.datagrams[1]).toMatchObject({
      id: late.spanContext().spanId,
      type: 'subsegment',
      trace_id: XRAY_TRACE_ID,
      parent_id: server.spanContext().spanId,
    });
  });

  /** A SERVER span with `count` children that have ended, the server still open. */
  function serverWithEndedChildren(tracing: XrayTracing, count: number) {
    const server = tracing.tracer.startSpan('GET /', { kind: SpanKind.SERVER });
    const children = Array.from({ length: count }, (_, i) =>
      tracing.tracer.startSpan(`step ${i}`, {}, trace.setSpan(ROOT_CONTEXT, server)),
    );
    for (const child of children) child.end();
    return { server, children };
  }

  it("streams a segment's subsegments on their own at the per-segment limit, and loses none", async () => {
    const limited = await startXrayTracing({ holderLimits: { maxPerSegment: 3, maxHeld: 100 } });
    try {
      const { server, children } = serverWithEndedChildren(limited, 7);
      server.end();
      const documents = await limited.daemon.waitFor(8);
      // 3 + 3 streamed as independent subsegments, the seventh nested in the segment's own datagram.
      expect(limited.processor.streamedCount).toBe(6);
      expect(limited.daemon.datagrams).toHaveLength(7);
      expect(limited.daemon.datagrams.filter((datagram) => datagram.type === 'subsegment')).toHaveLength(6);
      expect(limited.daemon.datagrams.at(-1)).toMatchObject({
        id: server.spanContext().spanId,
        subsegments: [expect.objectContaining({ id: children[6].spanContext().spanId })],
      });
      expect(new Set(documents.map((document) => document.id))).toEqual(
        new Set([server, ...children].map((span) => span.spanContext().spanId)),
      );
    } finally {
      await limited.close();
    }
  });

  it('sends a subsegment at once when all segments together hold the most they may', async () => {
    const limited = await startXrayTracing({ holderLimits: { maxPerSegment: 100, maxHeld: 2 } });
    try {
      const { server, children } = serverWithEndedChildren(limited, 3);
      const [streamed] = await limited.daemon.waitFor(1);
      expect(streamed).toMatchObject({ id: children[2].spanContext().spanId, type: 'subsegment' });
      expect(limited.processor.streamedCount).toBe(1);
      server.end();
      await limited.daemon.waitFor(4);
      expect(limited.daemon.datagrams.at(-1)?.subsegments).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('sends the segment and its subsegments one by one when together they exceed a datagram', async () => {
    const server = gateway.tracer.startSpan('GET /', { kind: SpanKind.SERVER });
    const big = 'x'.repeat(2_000);
    const children = Array.from({ length: 40 }, (_, i) =>
      gateway.tracer.startSpan(`step ${i}`, { attributes: { 'app.note': big } }, trace.setSpan(ROOT_CONTEXT, server)),
    );
    for (const child of children) child.end();
    server.end();
    await gateway.daemon.waitFor(41);
    expect(gateway.daemon.datagrams).toHaveLength(41);
    for (const datagram of gateway.daemon.datagrams) {
      expect(datagram.subsegments).toBeUndefined();
      expect(segmentDocumentProblems(datagram)).toEqual([]);
    }
  });

  it('sends what an open segment holds at a flush, and nests what ends after it in the segment', async () => {
    const server = gateway.tracer.startSpan('GET /', { kind: SpanKind.SERVER });
    const inServer = trace.setSpan(ROOT_CONTEXT, server);
    const early = gateway.tracer.startSpan('early', {}, inServer);
    early.end();
    await gateway.processor.forceFlush();
    const [flushed] = await gateway.daemon.waitFor(1);
    expect(flushed).toMatchObject({ id: early.spanContext().spanId, type: 'subsegment' });
    const later = gateway.tracer.startSpan('later', {}, inServer);
    later.end();
    server.end();
    await gateway.daemon.waitFor(3);
    expect(gateway.daemon.datagrams[1]).toMatchObject({
      id: server.spanContext().spanId,
      subsegments: [expect.objectContaining({ id: later.spanContext().spanId })],
    });
  });

  it('sends what open segments hold at shutdown', async () => {
    const server = gateway.tracer.startSpan('GET /', { kind: SpanKind.SERVER });
    gateway.tracer.startSpan('done', {}, trace.setSpan(ROOT_CONTEXT, server)).end();
    await gateway.processor.shutdown();
    const [document] = await gateway.daemon.waitFor(1);
    expect(document).toMatchObject({ name: 'done', type: 'subsegment', parent_id: server.spanContext().spanId });
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
