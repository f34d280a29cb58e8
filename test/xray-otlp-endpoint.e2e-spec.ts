import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  BatchGetTracesCommand,
  GetServiceGraphCommand,
  GetTraceSummariesCommand,
  type Service,
  XRayClient,
} from '@aws-sdk/client-xray';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';

/** A segment document as BatchGetTraces gives it back (the parts the tests read). */
interface Document {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  namespace?: string;
  fault?: boolean;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  subsegments?: Document[];
}

interface IntakeEntry {
  time: string;
  method: string;
  path: string;
  receiver: string;
  status: number;
  contentType?: string;
  contentEncoding?: string;
  bytes?: number;
  headers: Record<string, unknown>;
}

interface Stats {
  protocols: Record<string, { accepted: number; rejected: number; evicted: number }>;
  arrivals: { xrayDaemonDatagrams: number; xrayOtlpRequests: number; xrayOtlpRefusedRequests: number };
}

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'AKIDTESTEXAMPLE7Q3Z', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const RUN = randomBytes(4).toString('hex');
const window = () => ({ StartTime: new Date(Date.now() - 120_000), EndTime: new Date(Date.now() + 60_000) });

/** X-Ray-compatible ids: the trace id starts with the epoch seconds, as X-Ray wants. */
const xrayIds = {
  generateTraceId: () => `${Math.floor(Date.now() / 1000).toString(16)}${randomBytes(12).toString('hex')}`,
  generateSpanId: () => randomBytes(8).toString('hex'),
};

/** Finished spans of one service, made by a real SDK. */
function service(name: string) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': name, 'service.version': '1.0.0' }),
    idGenerator: xrayIds,
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  return { tracer: provider.getTracer('xray-otlp-e2e'), finished: () => exporter.getFinishedSpans(), provider };
}

/** One request across two services: gateway's SERVER span calls notifications (CLIENT), whose SERVER span answers. */
function twoServiceTrace() {
  const gateway = service('gateway');
  const notifications = service('notifications');
  const server = gateway.tracer.startSpan('GET /api/activities/notifications', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': 'GET',
      'url.full': 'http://127.0.0.1:4567/api/activities/notifications',
      'http.response.status_code': 200,
      'test.run': RUN,
    },
  });
  const client = gateway.tracer.startSpan(
    'notifications.list',
    { kind: SpanKind.CLIENT, attributes: { 'peer.service': 'notifications', 'rpc.system': 'nestjs-tcp' } },
    trace.setSpan(ROOT_CONTEXT, server),
  );
  // The callee's SERVER span, under the caller's CLIENT span as a propagator hands it over: remote.
  const callee = notifications.tracer.startSpan(
    'notifications.list',
    { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'nestjs-tcp' } },
    trace.setSpanContext(ROOT_CONTEXT, { ...client.spanContext(), isRemote: true }),
  );
  callee.end();
  client.end();
  server.end();
  return {
    traceId: server.spanContext().traceId,
    ids: {
      server: server.spanContext().spanId,
      client: client.spanContext().spanId,
      callee: callee.spanContext().spanId,
    },
    gateway: gateway.finished(),
    notifications: notifications.finished(),
  };
}

const xrayTraceId = (traceId: string) => `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;

describe('collector: X-Ray OTLP endpoint (SigV4-signed OTLP/HTTP)', () => {
  let collector: CollectorProcess;
  let xray: XRayClient;

  const tracesUrl = () => new URL(`${collector.url}/v1/traces`);

  /** The headers of a request signed by the AWS SDK's own signer, as the services' OTLP exporter signs them. */
  async function signedHeaders(
    body: Uint8Array,
    headers: Record<string, string>,
    signingService = 'xray',
  ): Promise<Record<string, string>> {
    const url = tracesUrl();
    const signer = new SignatureV4({
      service: signingService,
      region: REGION,
      credentials: CREDENTIALS,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, ...headers },
      body,
    });
    // fetch writes Host itself (the same value); it may not be set by hand.
    const { host: _host, ...rest } = signed.headers;
    return rest;
  }

  async function post(body: Uint8Array, headers: Record<string, string>) {
    const response = await fetch(tracesUrl(), {
      method: 'POST',
      headers,
      body: Buffer.from(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
  }

  const protobuf = (spans: ReadableSpan[]) => ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array();
  const json = (spans: ReadableSpan[]) => JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array();

  async function postSigned(spans: ReadableSpan[], { encoding = 'protobuf', gzip = false } = {}) {
    const raw = encoding === 'protobuf' ? protobuf(spans) : json(spans);
    const body = gzip ? new Uint8Array(gzipSync(raw)) : raw;
    const headers: Record<string, string> = {
      'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json',
      'x-test-run': RUN,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    };
    return post(body, await signedHeaders(body, headers));
  }

  const documentsOf = async (traceId: string): Promise<Document[]> => {
    const { Traces } = await xray.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId(traceId)] }));
    return (Traces?.[0]?.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? '{}') as Document);
  };
  const otelSpansOf = async (traceId: string) => {
    const { status, body } = await request<{ spans: unknown[] }>(`${collector.url}/api/traces/${traceId}`);
    return status === 404 ? [] : body.spans;
  };
  const stats = async () => (await request<Stats>(`${collector.url}/api/stats`)).body;
  const intake = async (path?: string) =>
    (
      await request<{ requests: IntakeEntry[]; limit: number; dropped: number }>(
        `${collector.url}/api/intake${path ? `?path=${encodeURIComponent(path)}` : ''}`,
      )
    ).body;

  const signed = twoServiceTrace();

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    xray = new XRayClient({ endpoint: collector.url, region: REGION, credentials: CREDENTIALS });
  });

  afterAll(async () => {
    xray?.destroy();
    expect(await collector?.stop()).toBe(0);
  });

  it('answers signed exports (protobuf gzip, JSON) with an ExportTraceServiceResponse and no partial success', async () => {
    const gateway = await postSigned(signed.gateway, { gzip: true });
    expect(gateway.status).toBe(200);
    expect(gateway.headers.get('content-type')).toMatch(/application\/x-protobuf/);
    expect(ProtobufTraceSerializer.deserializeResponse(gateway.body).partialSuccess).toBeUndefined();
    const notifications = await postSigned(signed.notifications, { encoding: 'json' });
    expect(notifications.status).toBe(200);
    expect(JSON.parse(Buffer.from(notifications.body).toString('utf8'))).toEqual({});
  });

  it('shows the signed spans in BatchGetTraces with the same ids and parents: a segment per service, the call a remote subsegment', async () => {
    const documents = await eventually(async () => {
      const found = await documentsOf(signed.traceId);
      return found.length === 2 && found.some((doc) => doc.subsegments?.length) ? found : undefined;
    });
    const gateway = documents.find((doc) => doc.name === 'gateway');
    const notifications = documents.find((doc) => doc.name === 'notifications');
    expect(gateway).toMatchObject({
      id: signed.ids.server,
      trace_id: xrayTraceId(signed.traceId),
      http: { request: { method: 'GET' }, response: { status: 200 } },
    });
    expect(gateway?.parent_id).toBeUndefined();
    expect(gateway?.type).toBeUndefined();
    // Sent on its own (type "subsegment", parent_id = the SERVER span), nested back into its segment by X-Ray.
    expect(gateway?.subsegments).toEqual([
      expect.objectContaining({ id: signed.ids.client, name: 'notifications', namespace: 'remote' }),
    ]);
    expect(notifications).toMatchObject({
      id: signed.ids.callee,
      parent_id: signed.ids.client,
      trace_id: xrayTraceId(signed.traceId),
    });
    expect(notifications?.type).toBeUndefined();
  });

  it('keeps signed spans out of the OpenTelemetry view (the unsigned export fills it)', async () => {
    // The trace is held (its documents), with no span.
    const held = await request<{ spans: unknown[]; segments: unknown[] }>(
      `${collector.url}/api/traces/${signed.traceId}`,
    );
    expect(held.status).toBe(200);
    expect(held.body.segments).toHaveLength(2);
    expect(held.body.spans).toEqual([]);
    const { protocols, arrivals } = await stats();
    expect(protocols.xray_otlp.accepted).toBe(3);
    expect(protocols.otlp_traces.accepted).toBe(0);
    expect(arrivals.xrayOtlpRequests).toBe(2);
    expect(arrivals.xrayOtlpRefusedRequests).toBe(0);
    expect(arrivals.xrayDaemonDatagrams).toBe(0);
  });

  it('draws gateway → notifications in GetServiceGraph and finds the trace in GetTraceSummaries', async () => {
    const services: Service[] = (await xray.send(new GetServiceGraphCommand(window()))).Services ?? [];
    const gatewayNode = services.find((node) => node.Name === 'gateway' && node.Type !== 'client');
    const notificationsNode = services.find((node) => node.Name === 'notifications');
    expect(gatewayNode?.Edges?.map((edge) => edge.ReferenceId)).toContain(notificationsNode?.ReferenceId);
    const { TraceSummaries } = await xray.send(
      new GetTraceSummariesCommand({ ...window(), FilterExpression: 'service("notifications")' }),
    );
    expect(TraceSummaries?.map((summary) => summary.Id)).toContain(xrayTraceId(signed.traceId));
  });

  it('refuses a request signed for another service with 403, naming the service it was signed for', async () => {
    const other = twoServiceTrace();
    const body = protobuf(other.gateway);
    const headers = await signedHeaders(body, { 'content-type': 'application/x-protobuf' }, 'logs');
    const answer = await post(body, headers);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const { message } = JSON.parse(Buffer.from(answer.body).toString('utf8')) as { message: string };
    expect(message).toMatch(/scoped to correct service: 'xray'/);
    expect(message).toMatch(/signed for 'logs'/);
    expect(await documentsOf(other.traceId)).toEqual([]);
    expect(await otelSpansOf(other.traceId)).toEqual([]);
  });

  it.each([
    ['garbage after the algorithm', () => ({ authorization: 'AWS4-HMAC-SHA256 garbage' }), /requires 'Credential'/],
    [
      'no Signature',
      () => ({
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/${REGION}/xray/aws4_request, SignedHeaders=host`,
      }),
      /requires 'Signature'/,
    ],
    ['another algorithm', () => ({ authorization: 'AWS4-ECDSA-P256-SHA256 Credential=x' }), /algorithm/],
  ])('refuses a SigV4 header that does not parse (%s) with 403', async (_, headersOf, reason) => {
    const other = twoServiceTrace();
    const answer = await post(protobuf(other.gateway), { 'content-type': 'application/x-protobuf', ...headersOf() });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
    expect((JSON.parse(Buffer.from(answer.body).toString('utf8')) as { message: string }).message).toMatch(reason);
    expect(await otelSpansOf(other.traceId)).toEqual([]);
  });

  it('refuses a missing x-amz-date, or one that is not the credential scope’s date, with 403', async () => {
    const other = twoServiceTrace();
    const body = protobuf(other.gateway);
    const headers = await signedHeaders(body, { 'content-type': 'application/x-protobuf' });
    const { 'x-amz-date': amzDate, ...withoutDate } = headers;
    const missing = await post(body, withoutDate);
    expect(missing.status).toBe(403);
    expect(Buffer.from(missing.body).toString('utf8')).toMatch(/X-Amz-Date/);
    const otherDay = `${Number(amzDate.slice(0, 4)) + 1}${amzDate.slice(4)}`;
    const mismatch = await post(body, { ...headers, 'x-amz-date': otherDay });
    expect(mismatch.status).toBe(403);
    expect(mismatch.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(Buffer.from(mismatch.body).toString('utf8')).toMatch(/Date in Credential scope does not match/);
    expect(await documentsOf(other.traceId)).toEqual([]);
    expect((await stats()).arrivals.xrayOtlpRefusedRequests).toBeGreaterThanOrEqual(2);
  });

  it('keeps the good spans of a signed request and reports the refused ones in partial_success', async () => {
    const other = twoServiceTrace();
    const request = JSON.parse(Buffer.from(json(other.gateway)).toString('utf8')) as {
      resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ spanId: string; endTimeUnixNano: unknown }> }> }>;
    };
    const spans = request.resourceSpans[0].scopeSpans[0].spans;
    const broken = spans.find((span) => span.spanId === other.ids.client)!;
    broken.endTimeUnixNano = '1'; // ends before it starts
    const body = new Uint8Array(Buffer.from(JSON.stringify(request)));
    const answer = await post(body, await signedHeaders(body, { 'content-type': 'application/json' }));
    expect(answer.status).toBe(200);
    const { partialSuccess } = JSON.parse(Buffer.from(answer.body).toString('utf8')) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    expect(partialSuccess.rejectedSpans).toBe('1');
    expect(partialSuccess.errorMessage).toMatch(/ends .* before it starts/);
    const documents = await eventually(async () => {
      const found = await documentsOf(other.traceId);
      return found.length > 0 ? found : undefined;
    });
    expect(documents.map((doc) => doc.id)).toEqual([other.ids.server]);
  });

  it("holds to the endpoint's documented limits: a span too old or too large alone refused, over 10,000 spans the request", async () => {
    const other = twoServiceTrace();
    const request = JSON.parse(Buffer.from(json(other.gateway)).toString('utf8')) as {
      resourceSpans: Array<{
        scopeSpans: Array<{
          spans: Array<{ spanId: string; startTimeUnixNano: string; endTimeUnixNano: string; attributes: unknown[] }>;
        }>;
      }>;
    };
    const spans = request.resourceSpans[0].scopeSpans[0].spans;
    const old = spans.find((span) => span.spanId === other.ids.client)!;
    const fifteenDaysNs = 15n * 24n * 3600n * 1_000_000_000n;
    old.startTimeUnixNano = String(BigInt(old.startTimeUnixNano) - fifteenDaysNs);
    old.endTimeUnixNano = String(BigInt(old.endTimeUnixNano) - fifteenDaysNs);
    const large = spans.find((span) => span.spanId === other.ids.server)!;
    large.attributes.push({ key: 'big', value: { stringValue: 'x'.repeat(210 * 1024) } });
    const body = new Uint8Array(Buffer.from(JSON.stringify(request)));
    const answer = await post(body, await signedHeaders(body, { 'content-type': 'application/json' }));
    expect(answer.status).toBe(200);
    const { partialSuccess } = JSON.parse(Buffer.from(answer.body).toString('utf8')) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    expect(partialSuccess.rejectedSpans).toBe('2');
    expect(partialSuccess.errorMessage).toMatch(/more than 14 days in the past/);
    expect(partialSuccess.errorMessage).toMatch(/over the endpoint's 204800 per span/);

    // 10,001 spans in one request: refused whole, with the limit named (the Status message in the protobuf body).
    const many = service('gateway');
    for (let i = 0; i <= 10_000; i++) many.tracer.startSpan(`span ${i}`).end();
    const crowded = protobuf(many.finished());
    const refused = await post(crowded, await signedHeaders(crowded, { 'content-type': 'application/x-protobuf' }));
    expect(refused.status).toBe(400);
    expect(Buffer.from(refused.body).toString('utf8')).toMatch(/at most 10000 spans per request, got 10001/);
  });

  it('takes an unsigned export into the OpenTelemetry view as before, and nothing into X-Ray', async () => {
    const other = twoServiceTrace();
    const answer = await post(protobuf(other.gateway), {
      'content-type': 'application/x-protobuf',
      'x-honeycomb-team': 'k',
      'x-test-run': RUN,
    });
    expect(answer.status).toBe(200);
    expect(await otelSpansOf(other.traceId)).toHaveLength(2);
    expect(await documentsOf(other.traceId)).toEqual([]);
  });

  it('shows in /api/intake which headers each request carried, secrets redacted, newest first', async () => {
    const { requests, limit } = await intake('/v1/traces');
    expect(limit).toBe(200);
    expect(requests.every((entry) => entry.path === '/v1/traces')).toBe(true);
    const times = requests.map((entry) => entry.time);
    expect([...times].sort().reverse()).toEqual(times);

    const unsigned = requests.find((entry) => entry.receiver === 'otlp-traces' && entry.headers['x-test-run'] === RUN);
    expect(unsigned).toMatchObject({
      method: 'POST',
      status: 200,
      contentType: 'application/x-protobuf',
      bytes: expect.any(Number),
    });
    expect(unsigned?.headers['x-honeycomb-team']).toMatch(/^\[redacted\] hmac:[0-9a-f]{8} len=1$/);

    const gzipped = requests.find((entry) => entry.receiver === 'xray-otlp' && entry.contentEncoding === 'gzip');
    expect(gzipped).toMatchObject({ status: 200, headers: { 'x-test-run': RUN } });
    expect(gzipped?.headers.authorization).toEqual({
      algorithm: 'AWS4-HMAC-SHA256',
      accessKeyId: `${'*'.repeat(CREDENTIALS.accessKeyId.length - 4)}${CREDENTIALS.accessKeyId.slice(-4)}`,
      scope: { date: expect.stringMatching(/^\d{8}$/), region: REGION, service: 'xray' },
      signedHeaders: expect.arrayContaining(['host', 'x-amz-date']),
    });
    const refused = requests.find((entry) => entry.receiver === 'xray-otlp' && entry.status === 403);
    expect(refused).toBeDefined();

    const everything = JSON.stringify(await intake());
    expect(everything).not.toMatch(/Signature=/);
    expect(everything).not.toContain(CREDENTIALS.accessKeyId);
    expect(everything).not.toMatch(/"x-honeycomb-team":"k"/);
  });
});
