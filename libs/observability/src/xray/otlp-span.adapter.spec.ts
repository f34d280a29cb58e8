import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { type OtlpAttributeValue, type OtlpAttributes, type OtlpSpanRecord, readableSpanOf } from './otlp-span.adapter';
import { xrayDocumentOfOtlpSpan } from './otlp-span.document';
import { toXrayDocument } from './span-document.converter';
import { remoteParent } from './testing/tracing.fixture';

const TRACE_ID = '6a1b2c3d0123456789abcdef01234567';
const CALLER_SPAN_ID = '1111222233334444';

type Json = Record<string, unknown>;

/** An OTLP/JSON AnyValue as a plain value (what an OTLP receiver reads; the collector has its own reader). */
function anyValue(value: Json): OtlpAttributeValue {
  if ('stringValue' in value) return value.stringValue as string;
  if ('boolValue' in value) return value.boolValue as boolean;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value) return ((value.arrayValue as Json).values as Json[]).map(anyValue);
  return null;
}

const attributesOf = (list: Json[] = []): OtlpAttributes =>
  Object.fromEntries(list.map((entry) => [entry.key as string, anyValue(entry.value as Json)]));

const KIND_NAMES: OtlpSpanRecord['kind'][] = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_NAMES: OtlpSpanRecord['status']['code'][] = ['UNSET', 'OK', 'ERROR'];

/** The spans as they cross the wire: serialized by the SDK's own OTLP/JSON serializer, then read back. */
function overTheWire(spans: ReadableSpan[]): OtlpSpanRecord[] {
  const request = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans) ?? []).toString('utf8')) as Json;
  return (request.resourceSpans as Json[]).flatMap((resourceSpans) => {
    const resource = attributesOf(((resourceSpans.resource ?? {}) as Json).attributes as Json[]);
    return (resourceSpans.scopeSpans as Json[]).flatMap((scopeSpans) =>
      (scopeSpans.spans as Json[]).map((span): OtlpSpanRecord => ({
        traceId: span.traceId as string,
        spanId: span.spanId as string,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId as string } : {}),
        flags: span.flags as number,
        name: span.name as string,
        kind: KIND_NAMES[span.kind as number],
        startTimeUnixNano: String(span.startTimeUnixNano),
        endTimeUnixNano: String(span.endTimeUnixNano),
        attributes: attributesOf(span.attributes as Json[]),
        events: ((span.events ?? []) as Json[]).map((event) => ({
          name: event.name as string,
          timeUnixNano: String(event.timeUnixNano),
          attributes: attributesOf(event.attributes as Json[]),
        })),
        links: ((span.links ?? []) as Json[]).map((link) => ({
          traceId: link.traceId as string,
          spanId: link.spanId as string,
          attributes: attributesOf(link.attributes as Json[]),
        })),
        status: {
          code: STATUS_NAMES[((span.status ?? {}) as Json).code as number] ?? 'UNSET',
          ...(((span.status ?? {}) as Json).message ? { message: (span.status as Json).message as string } : {}),
        },
        resource,
        scope: { name: ((scopeSpans.scope ?? {}) as Json).name as string },
      })),
    );
  });
}

/** The document with its exceptions' ids (random per conversion, as the SDK makes them) left out. */
function withoutExceptionIds(document: Json): Json {
  const cause = document.cause as { exceptions?: Json[] } | undefined;
  cause?.exceptions?.forEach((exception) => delete exception.id);
  return document;
}

describe('OTLP span → ReadableSpan → X-Ray document (X-Ray OTLP endpoint mode)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'activities', 'service.version': '1.2.3' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('adapter-spec');

  afterEach(() => exporter.reset());
  afterAll(() => provider.shutdown());

  /** A SERVER span answering a remote caller, with a CLIENT child, an INTERNAL child and an exception. */
  function requestTree(): ReadableSpan[] {
    const server = tracer.startSpan(
      'GET /api/activities/home',
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'GET',
          'url.full': 'http://activities/api/activities/home',
          'http.response.status_code': 503,
          'aws.xray.annotations': ['app.user'],
          'app.user': 'andrew',
          'app.tags': ['a', 'b'],
        },
      },
      remoteParent(TRACE_ID, CALLER_SPAN_ID),
    );
    const inServer = trace.setSpan(ROOT_CONTEXT, server);
    const client = tracer.startSpan(
      'tcp notifications.list',
      { kind: SpanKind.CLIENT, attributes: { 'peer.service': 'notifications', 'rpc.system': 'nestjs-tcp' } },
      inServer,
    );
    client.end();
    const internal = tracer.startSpan('home-activities', { links: [{ context: client.spanContext() }] }, inServer);
    internal.recordException(new TypeError('no activities'));
    internal.setStatus({ code: SpanStatusCode.ERROR, message: 'no activities' });
    internal.end();
    server.end();
    return exporter.getFinishedSpans();
  }

  it('gives the document the daemon mode gives for the same span, for every kind of span', () => {
    const spans = requestTree();
    const received = overTheWire(spans);
    expect(received).toHaveLength(3);
    for (const span of spans) {
      const record = received.find((candidate) => candidate.spanId === span.spanContext().spanId);
      const expected = JSON.parse(JSON.stringify(toXrayDocument(span, { serviceName: 'activities' }))) as Json;
      expect(withoutExceptionIds(JSON.parse(xrayDocumentOfOtlpSpan(record!)) as Json)).toEqual(
        withoutExceptionIds(expected),
      );
    }
  });

  it('keeps ids, parents, kinds, timing, status and the resource', () => {
    const spans = requestTree();
    const [client, internal, server] = spans.map((span) =>
      readableSpanOf(overTheWire(spans).find((record) => record.spanId === span.spanContext().spanId)!),
    );
    expect(server.spanContext()).toMatchObject({ traceId: TRACE_ID, traceFlags: TraceFlags.SAMPLED });
    expect(server.parentSpanContext).toMatchObject({ spanId: CALLER_SPAN_ID, isRemote: true });
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.startTime).toEqual(spans[2].startTime);
    expect(server.endTime).toEqual(spans[2].endTime);
    expect(server.resource.attributes).toMatchObject({ 'service.name': 'activities', 'service.version': '1.2.3' });
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(client.parentSpanContext).toMatchObject({ spanId: spans[2].spanContext().spanId, isRemote: false });
    expect(internal.status).toEqual({ code: SpanStatusCode.ERROR, message: 'no activities' });
    expect(internal.events.map((event) => event.name)).toEqual(['exception']);
    expect(internal.links.map((link) => link.context.spanId)).toEqual([spans[0].spanContext().spanId]);
  });

  it('reads the parent as remote only when the flags say is_remote is known and true', () => {
    const record: OtlpSpanRecord = {
      ...overTheWire(requestTree())[1],
      kind: 'INTERNAL',
    };
    const parentOf = (flags: number | undefined) => readableSpanOf({ ...record, flags }).parentSpanContext?.isRemote;
    expect(parentOf(0x001 | 0x100 | 0x200)).toBe(true);
    expect(parentOf(0x001 | 0x100)).toBe(false);
    expect(parentOf(0x001 | 0x200)).toBe(false); // is_remote without "has is_remote": unknown
    expect(parentOf(undefined)).toBe(false);
    // An INTERNAL span under a remote parent is the service's segment; under a local one, a subsegment.
    const typeOf = (flags: number) => (JSON.parse(xrayDocumentOfOtlpSpan({ ...record, flags })) as Json).type;
    expect(typeOf(0x301)).toBeUndefined();
    expect(typeOf(0x101)).toBe('subsegment');
  });

  it('names the segment after the resource service.name, unknown_service without one', () => {
    const server = overTheWire(requestTree())[2];
    expect(JSON.parse(xrayDocumentOfOtlpSpan({ ...server, resource: { 'service.name': 'gateway' } }))).toMatchObject({
      name: 'gateway',
      parent_id: CALLER_SPAN_ID,
      trace_id: '1-6a1b2c3d-0123456789abcdef01234567',
      fault: true,
    });
    expect(JSON.parse(xrayDocumentOfOtlpSpan({ ...server, resource: {} }))).toMatchObject({ name: 'unknown_service' });
  });

  it('keeps a key-value list attribute (which the SDK cannot make) as an object in metadata', () => {
    const server = overTheWire(requestTree())[2];
    const document = JSON.parse(
      xrayDocumentOfOtlpSpan({ ...server, attributes: { ...server.attributes, 'app.order': { id: 7, items: ['x'] } } }),
    ) as { metadata: { otel: Json } };
    expect(document.metadata.otel['app.order']).toEqual({ id: 7, items: ['x'] });
  });
});
