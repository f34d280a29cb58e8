import { createHash } from 'node:crypto';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { AwsCredentialIdentity } from '@smithy/types';
import { decodeTracesRequest } from '../../../../../apps/collector/src/otlp/otlp.codec';
import { exportOnce, finishedSpans } from './testing/exported-spans.fixture';
import { FakeOtlpEndpoint, type ReceivedRequest } from './testing/otlp-endpoint.fixture';
import { expectedAuthorization, parseAuthorization } from './testing/sigv4.verifier';
import { XrayOtlpSpanExporter } from './xray-otlp.span-exporter';

const CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token',
};

/** The (trace id, span id, parent span id) of each span in an OTLP request body, hex. */
function spanIdsIn(body: Buffer): string[][] {
  const hex = (value: unknown): string => (value ? Buffer.from(String(value), 'base64').toString('hex') : '');
  const request = decodeTracesRequest(body) as {
    resourceSpans: { scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string }[] }[] }[];
  };
  return request.resourceSpans
    .flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))
    .map((span) => [hex(span.traceId), hex(span.spanId), hex(span.parentSpanId)]);
}

describe('XrayOtlpSpanExporter: what crosses the wire', () => {
  let endpoint: FakeOtlpEndpoint;

  beforeEach(async () => {
    endpoint = await FakeOtlpEndpoint.start();
  });
  afterEach(() => endpoint.close());

  it('POSTs the spans as OTLP protobuf, SigV4-signed for xray in the region, with a signature that checks out', async () => {
    const exporter = new XrayOtlpSpanExporter({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: async () => CREDENTIALS,
    });
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'gateway' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer('xray-otlp-spec');
    const parent = tracer.startSpan('GET /api/activities/home');
    const child = tracer.startSpan('home-activities', {}, trace.setSpan(ROOT_CONTEXT, parent));
    child.end();
    parent.end();
    await provider.shutdown(); // flushes both exports, then shuts the exporter down

    expect(endpoint.requests).toHaveLength(2);
    for (const received of endpoint.requests) {
      expect(received.method).toBe('POST');
      expect(received.path).toBe('/v1/traces');
      expect(received.headers['content-type']).toBe('application/x-protobuf');
      const auth = parseAuthorization(received.headers.authorization);
      expect(auth).toMatchObject({ accessKeyId: CREDENTIALS.accessKeyId, region: 'eu-west-1', service: 'xray' });
      expect(auth?.date).toBe(String(received.headers['x-amz-date']).slice(0, 8));
      expect(auth?.signedHeaders).toEqual(
        expect.arrayContaining(['host', 'content-type', 'x-amz-date', 'x-amz-content-sha256', 'x-amz-security-token']),
      );
      expect(received.headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
      expect(received.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(received.body).digest('hex'));
      expect(received.headers.authorization).toBe(await expectedAuthorization(received, CREDENTIALS.secretAccessKey));
    }
    const { traceId } = parent.spanContext();
    expect([...spanIdsIn(endpoint.requests[0].body), ...spanIdsIn(endpoint.requests[1].body)]).toEqual([
      [traceId, child.spanContext().spanId, parent.spanContext().spanId],
      [traceId, parent.spanContext().spanId, ''],
    ]);
  });

  it('a signature made with another secret does not check out (the check above can fail)', async () => {
    const exporter = new XrayOtlpSpanExporter({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: async () => CREDENTIALS,
    });
    await exportOnce(exporter, await finishedSpans());
    await exporter.shutdown();
    const [received] = endpoint.requests;
    expect(received.headers.authorization).not.toBe(await expectedAuthorization(received, 'another-secret'));
    const tampered: ReceivedRequest = { ...received, body: Buffer.concat([received.body, Buffer.from([0])]) };
    expect(received.headers.authorization).not.toBe(await expectedAuthorization(tampered, CREDENTIALS.secretAccessKey));
  });

  it('asks the provider for credentials at each export, so refreshed ones are used', async () => {
    const issued: AwsCredentialIdentity[] = [
      { accessKeyId: 'AKIDFIRST', secretAccessKey: 'first-secret' },
      { accessKeyId: 'AKIDSECOND', secretAccessKey: 'second-secret' },
    ];
    let calls = 0;
    const exporter = new XrayOtlpSpanExporter({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: async () => issued[calls++],
    });
    const spans = await finishedSpans();
    expect(await exportOnce(exporter, spans)).toEqual({ code: ExportResultCode.SUCCESS });
    expect(await exportOnce(exporter, spans)).toEqual({ code: ExportResultCode.SUCCESS });
    await exporter.shutdown();

    expect(calls).toBe(2);
    expect(endpoint.connections).toBe(1); // one kept-alive connection for both
    const [first, second] = endpoint.requests;
    expect(parseAuthorization(first.headers.authorization)?.accessKeyId).toBe('AKIDFIRST');
    expect(first.headers['x-amz-security-token']).toBeUndefined();
    expect(first.headers.authorization).toBe(await expectedAuthorization(first, 'first-secret'));
    expect(second.headers.authorization).toBe(await expectedAuthorization(second, 'second-secret'));
  });

  it("without a provider, signs with the AWS SDK's default chain (here: the environment's keys)", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret' });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    try {
      const exporter = new XrayOtlpSpanExporter({ endpoint: endpoint.url, region: 'ap-south-1' });
      expect(await exportOnce(exporter, await finishedSpans())).toEqual({ code: ExportResultCode.SUCCESS });
      await exporter.shutdown();
    } finally {
      process.env = saved;
    }
    const [received] = endpoint.requests;
    expect(parseAuthorization(received.headers.authorization)).toMatchObject({
      accessKeyId: 'AKIDFROMENV',
      region: 'ap-south-1',
    });
    expect(received.headers.authorization).toBe(await expectedAuthorization(received, 'env-secret'));
  });

  it('an export of no spans succeeds without a request', async () => {
    const exporter = new XrayOtlpSpanExporter({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: async () => CREDENTIALS,
    });
    expect(await exportOnce(exporter, [])).toEqual({ code: ExportResultCode.SUCCESS });
    await exporter.shutdown();
    expect(endpoint.requests).toHaveLength(0);
  });
});
