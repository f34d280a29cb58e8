import { createServer } from 'node:net';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AwsCredentialIdentity } from '@smithy/types';
import { exportOnce, finishedSpans } from './testing/exported-spans.fixture';
import { FakeOtlpEndpoint } from './testing/otlp-endpoint.fixture';
import { XrayOtlpSpanExporter } from './xray-otlp.span-exporter';
import type { XrayOtlpExporterOptions } from './xray-otlp.options';

const CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token',
};

const AWS_JSON = { 'content-type': 'application/json', 'x-amzn-errortype': 'UnrecognizedClientException:' };

function messageOf(result: ExportResult): string | undefined {
  return result.error?.message;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('XrayOtlpSpanExporter: failures', () => {
  let endpoint: FakeOtlpEndpoint;
  let spans: ReadableSpan[];
  const exporters: XrayOtlpSpanExporter[] = [];

  function exporter(options: Partial<XrayOtlpExporterOptions> = {}): XrayOtlpSpanExporter {
    const made = new XrayOtlpSpanExporter({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: async () => CREDENTIALS,
      ...options,
    });
    exporters.push(made);
    return made;
  }

  beforeAll(async () => {
    spans = await finishedSpans();
  });
  beforeEach(async () => {
    endpoint = await FakeOtlpEndpoint.start();
  });
  afterEach(async () => {
    await Promise.all(exporters.splice(0).map((made) => made.shutdown()));
    await endpoint.close();
  });

  it("a 403 with AWS's JSON error is FAILED with AWS's message, not retried", async () => {
    endpoint.answerWith({
      status: 403,
      headers: AWS_JSON,
      body: JSON.stringify({ message: 'The security token included in the request is invalid' }),
    });
    const result = await exportOnce(exporter(), spans);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(messageOf(result)).toBe(
      'X-Ray OTLP endpoint answered 403: The security token included in the request is invalid',
    );
    expect(endpoint.requests).toHaveLength(1);
  });

  it('an error message that quotes the secret key or the session token is FAILED without them', async () => {
    endpoint.answerWith({
      status: 403,
      headers: AWS_JSON,
      body: JSON.stringify({
        Message: `Signature mismatch. Canonical request: x-amz-security-token:${CREDENTIALS.sessionToken} key ${CREDENTIALS.secretAccessKey}`,
      }),
    });
    const message = messageOf(await exportOnce(exporter(), spans)) ?? '';
    expect(message).toBe(
      'X-Ray OTLP endpoint answered 403: Signature mismatch. Canonical request: x-amz-security-token:[REDACTED] key [REDACTED]',
    );
  });

  it('a credential provider that rejects is FAILED, saying so, and nothing is sent', async () => {
    const result = await exportOnce(
      exporter({
        credentials: () => Promise.reject(new Error('Could not load credentials from any providers')),
      }),
      spans,
    );
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(messageOf(result)).toBe('no AWS credentials: Could not load credentials from any providers');
    expect(endpoint.requests).toHaveLength(0);
  });

  it('an endpoint that never answers is FAILED within the timeout', async () => {
    endpoint.answerWith('silent');
    const started = Date.now();
    const result = await exportOnce(exporter({ timeoutMs: 400 }), spans);
    const elapsed = Date.now() - started;
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(messageOf(result)).toBe(`X-Ray OTLP endpoint ${endpoint.url} did not answer within the export's 400 ms`);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1400);
  });

  it('a refused connection is FAILED, naming the endpoint', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1/traces`;
    const result = await exportOnce(exporter({ endpoint: url }), spans);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(messageOf(result)).toMatch(new RegExp(`^X-Ray OTLP endpoint ${url} unreachable: connect ECONNREFUSED`));
  });

  it('a 503 and then a 200 is a success after one retry, made after the Retry-After asked for', async () => {
    endpoint.answerWith({ status: 503, headers: { ...AWS_JSON, 'retry-after': '2' }, body: '{"message":"Slow down"}' });
    const result = await exportOnce(exporter(), spans);
    expect(result).toEqual({ code: ExportResultCode.SUCCESS });
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.arrivals[1] - endpoint.arrivals[0]).toBeGreaterThanOrEqual(1950);
    // The retry is signed anew and carries the same spans.
    expect(endpoint.requests[1].body.equals(endpoint.requests[0].body)).toBe(true);
    expect(endpoint.requests[1].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
  });

  it('a connection cut without an answer is tried once more', async () => {
    endpoint.answerWith('reset');
    const result = await exportOnce(exporter(), spans);
    expect(result).toEqual({ code: ExportResultCode.SUCCESS });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('two 503s are FAILED after exactly one retry', async () => {
    const unavailable = { status: 503, headers: AWS_JSON, body: '{"message":"Service unavailable"}' };
    endpoint.answerWith({ ...unavailable, headers: { ...AWS_JSON, 'retry-after': '0' } }, unavailable);
    const result = await exportOnce(exporter(), spans);
    expect(messageOf(result)).toBe('X-Ray OTLP endpoint answered 503: Service unavailable (after one retry)');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('a 429 asking for a long wait is FAILED at once, without a retry', async () => {
    endpoint.answerWith({
      status: 429,
      headers: { ...AWS_JSON, 'retry-after': '120' },
      body: '{"message":"Rate exceeded"}',
    });
    const started = Date.now();
    const result = await exportOnce(exporter(), spans);
    expect(messageOf(result)).toBe(
      'X-Ray OTLP endpoint answered 429: Rate exceeded (not retried: it asked to wait over 5000 ms)',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('shutdown() waits for the export under way, then refuses new ones without sending them', async () => {
    endpoint.answerWith({ status: 200, delayMs: 300 });
    const made = exporter();
    let settled: ExportResult | undefined;
    made.export(spans, (result) => (settled = result));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await made.shutdown();
    expect(settled).toEqual({ code: ExportResultCode.SUCCESS });

    const refused = await exportOnce(made, spans);
    expect(refused.code).toBe(ExportResultCode.FAILED);
    expect(messageOf(refused)).toBe('X-Ray OTLP exporter is shut down');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('forceFlush() waits for the exports under way', async () => {
    endpoint.answerWith({ status: 200, delayMs: 200 }, { status: 200, delayMs: 250 });
    const made = exporter();
    const results: ExportResult[] = [];
    made.export(spans, (result) => results.push(result));
    made.export(spans, (result) => results.push(result));
    await made.forceFlush();
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }, { code: ExportResultCode.SUCCESS }]);
  });

  it('options it cannot work with are refused at construction, saying which', () => {
    expect(() => new XrayOtlpSpanExporter({ endpoint: 'xray.eu-west-1.amazonaws.com', region: 'eu-west-1' })).toThrow(
      'X-Ray OTLP exporter: endpoint is not a URL: "xray.eu-west-1.amazonaws.com"',
    );
    expect(() => new XrayOtlpSpanExporter({ endpoint: 'ftp://127.0.0.1/v1/traces', region: 'eu-west-1' })).toThrow(
      'X-Ray OTLP exporter: endpoint must be http(s), got ftp:',
    );
    expect(() => new XrayOtlpSpanExporter({ endpoint: endpoint.url, region: '' })).toThrow('region is empty');
    expect(() => new XrayOtlpSpanExporter({ endpoint: endpoint.url, region: 'eu-west-1', timeoutMs: 0 })).toThrow(
      'timeoutMs must be positive, got 0',
    );
  });
});
