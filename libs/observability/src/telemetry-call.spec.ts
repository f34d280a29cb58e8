// First: the instrumentations patch `http`, `net` and `dns` before anything below sends.
import { startInstrumentedProcess, type InstrumentedProcess } from './testing/instrumented-process.fixture';
import { get } from 'node:http';
import { SpanKind, type Span } from '@opentelemetry/api';
import { createAppLogger } from './logging/app-logger.factory';
import { captureStream } from './logging/testing/captured.stream';
import { FakeCloudWatchLogs } from './logging/testing/cloudwatch-logs.fixture';
import { ItemSink } from './errors/testing/item-sink.fixture';
import { reporterFor } from './errors/testing/reporter.fixture';
import { SamplingProxyClient } from './sampling/sampling-proxy.client';
import { FakeSamplingProxy } from './sampling/testing/sampling-proxy.fixture';
import { UdpDaemonFixture } from './xray/testing/udp-daemon.fixture';
import { XraySegmentProcessor } from './xray/xray-segment.processor';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * The finished spans, but the request's own, that the code under test made, as `name (kind)`:
 * those in the request's trace (a call made in its context) and those of a connection to this
 * case's destination (a call made elsewhere, a new root). Not the spans of work an earlier test
 * file left running in this jest worker (its timers still connect to its own, stopped servers):
 * the instrumentations' patches of `net` and `dns` are process-wide.
 */
function spansBesides(traced: InstrumentedProcess, request: Span, destination?: string): string[] {
  const { traceId, spanId } = request.spanContext();
  const port = destination === undefined ? undefined : Number(new URL(destination).port);
  return traced
    .spans()
    .filter((span) => span.spanContext().spanId !== spanId)
    .filter(
      (span) =>
        span.spanContext().traceId === traceId ||
        (port !== undefined &&
          (span.attributes['server.port'] === port || span.attributes['network.peer.port'] === port)),
    )
    .map((span) => `${span.name} (${SpanKind[span.kind]})`);
}

// The fake destinations start listening before the instrumentations are on: listening looks its
// address up, which the dns instrumentation would record.
describe("telemetry's own network calls, under the http, net and dns instrumentations", () => {
  let traced: InstrumentedProcess;

  afterEach(async () => {
    await traced.stop();
  });

  it('traces what a request sends itself: the instrumentations are live in this process', async () => {
    const proxy = await new FakeSamplingProxy().start();
    traced = startInstrumentedProcess();
    try {
      const request = await traced.inRequest(async (span) => {
        await new Promise<void>((resolve, reject) =>
          get(`http://${proxy.address}/`, (response) => response.resume().on('end', resolve)).on('error', reject),
        );
        return span;
      });
      const client = traced.spans().find((span) => span.name === 'GET');
      expect(client?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(spansBesides(traced, request)).toEqual(expect.arrayContaining(['GET (CLIENT)', 'tcp.connect (INTERNAL)']));
    } finally {
      await proxy.stop();
    }
  });

  it('ships log lines with the trace id of the request that logged them, and no upload is a span', async () => {
    const fake = await FakeCloudWatchLogs.start();
    traced = startInstrumentedProcess();
    const app = createAppLogger({
      serviceName: 'gateway',
      serviceVersion: '1',
      environment: 'test',
      level: 'info',
      format: 'json',
      consoleStream: captureStream().stream,
      cloudwatch: {
        logGroupName: 'cruddur',
        logStreamName: 'gateway/own-calls-spec', // winston-cloudwatch keeps tokens per stream, process-wide
        endpoint: fake.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 't', secretAccessKey: 't' },
        uploadIntervalMs: 50,
        maxQueuedEvents: 100,
      },
    });
    try {
      // The first line starts the transport's upload timer: inside the request, as in a service.
      const request = await traced.inRequest(async (span) => {
        app.winston.info('home activities listed');
        await until(() => fake.messages.length === 1);
        return span;
      });
      app.winston.info('after the request');
      await app.flush(2000);
      await sleep(100);

      expect(fake.messages.map((message) => JSON.parse(message) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ message: 'home activities listed', trace_id: request.spanContext().traceId }),
        expect.not.objectContaining({ trace_id: expect.anything() }),
      ]);
      expect(fake.putCalls.length).toBeGreaterThanOrEqual(2);
      expect(spansBesides(traced, request, fake.endpoint)).toEqual([]);
    } finally {
      await fake.down();
    }
  });

  it("writes the upload's own warning outside the trace of the request whose line started the upload", async () => {
    const fake = await FakeCloudWatchLogs.start();
    await fake.down(); // unreachable: the upload fails, and says so on the console
    traced = startInstrumentedProcess();
    const console = captureStream();
    const app = createAppLogger({
      serviceName: 'gateway',
      serviceVersion: '1',
      environment: 'test',
      level: 'info',
      format: 'json',
      consoleStream: console.stream,
      cloudwatch: {
        logGroupName: 'cruddur',
        logStreamName: 'gateway/own-calls-spec-down',
        endpoint: fake.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 't', secretAccessKey: 't' },
        uploadIntervalMs: 50,
        maxQueuedEvents: 100,
      },
    });
    const warnings = () => console.json().filter((line) => line.level === 'warn' && line.context === 'Logging');
    try {
      const request = await traced.inRequest(async (span) => {
        app.winston.info('home activities listed');
        await until(() => warnings().length > 0);
        return span;
      });

      expect(warnings()).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/could not ship log events/) as unknown }),
      ]);
      expect(warnings()[0]).not.toHaveProperty('trace_id');
      expect(console.json().find((line) => line.message === 'home activities listed')).toMatchObject({
        trace_id: request.spanContext().traceId,
      });
      expect(spansBesides(traced, request, fake.endpoint)).toEqual([]);
    } finally {
      // Deliver the line, which stops the upload timer: no retries left running into the next tests.
      await fake.up();
      await until(() => fake.messages.length === 1 && app.stats().queued === 0);
      await app.flush(2000);
      await fake.down();
    }
  });

  it("posts a request's error item with its trace id, and the post is no span", async () => {
    const sink = await ItemSink.start();
    traced = startInstrumentedProcess();
    const reporter = reporterFor(sink.endpoint);
    try {
      const request = await traced.inRequest(async (span) => {
        reporter.reportHandlerError(new Error('activities store unavailable'), { status: 500 });
        await reporter.flush(2000);
        return span;
      });
      await sleep(100);

      expect(sink.items.map((item) => item.data.custom)).toEqual([
        expect.objectContaining({ trace_id: request.spanContext().traceId, span_id: request.spanContext().spanId }),
      ]);
      expect(spansBesides(traced, request, sink.endpoint)).toEqual([]);
    } finally {
      await sink.stop();
    }
  });

  it('polls the sampling rules from inside a request without a span', async () => {
    const proxy = await new FakeSamplingProxy().start();
    traced = startInstrumentedProcess();
    proxy.answer = () => ({ body: { SamplingRuleRecords: [] } });
    try {
      const request = await traced.inRequest(async (span) => {
        await new SamplingProxyClient({ host: '127.0.0.1', port: proxy.port }).getSamplingRules();
        return span;
      });
      await sleep(100);

      expect(proxy.calls.map((call) => call.path)).toEqual(['/GetSamplingRules']);
      expect(spansBesides(traced, request, `http://${proxy.address}`)).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('sends one X-Ray document per span to a daemon named by host name: the lookup is no span, so no loop', async () => {
    const daemon = await UdpDaemonFixture.start();
    const port = daemon.address.split(':')[1];
    // A host name, as in docker compose (`xray-daemon:2000`): each datagram's address is looked up.
    traced = startInstrumentedProcess([
      new XraySegmentProcessor({ serviceName: 'gateway', daemonAddress: `localhost:${port}` }),
    ]);
    try {
      const request = await traced.inRequest(async (span) => span);
      await daemon.waitFor(1);
      await sleep(300); // a document's lookup made a span, that span's document another lookup, and so on

      const requestTrace = `1-${request.spanContext().traceId.slice(0, 8)}-${request.spanContext().traceId.slice(8)}`;
      const ours = daemon.documents.filter((document) => document.trace_id === requestTrace);
      expect(ours.map((document) => document.id)).toEqual([request.spanContext().spanId]);
      expect(spansBesides(traced, request)).toEqual([]);
    } finally {
      await daemon.close();
    }
  });
});
