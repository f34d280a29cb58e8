import { hostname } from 'node:os';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createAppLogger, type AppLoggerOptions } from '../libs/observability/src/logging';
import { captureStream, type CapturedStream } from '../libs/observability/src/logging/testing/captured.stream';
import { filterAllJson } from './support/cloudwatch';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';

const credentials = { accessKeyId: 't', secretAccessKey: 't' };

function options(
  endpoint: string,
  stream: CapturedStream,
  suffix: string,
  extra: Partial<NonNullable<AppLoggerOptions['cloudwatch']>> = {},
): AppLoggerOptions {
  return {
    serviceName: 'gateway',
    serviceVersion: '1.0.0',
    environment: 'e2e',
    level: 'info',
    format: 'json',
    consoleStream: stream.stream,
    cloudwatch: {
      logGroupName: 'cruddur',
      logStreamName: `gateway/${hostname()}/${process.pid}-${suffix}`,
      endpoint,
      region: 'us-east-1',
      credentials,
      uploadIntervalMs: 200,
      maxQueuedEvents: 10_000,
      ...extra,
    },
  };
}

describe('logging: winston → winston-cloudwatch → CloudWatch Logs (the collector)', () => {
  const provider = new TracerProvider();
  const tracer = provider.getTracer('logging-e2e');
  let collector: CollectorProcess;
  let client: CloudWatchLogsClient;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    collector = await CollectorProcess.start();
    client = new CloudWatchLogsClient({ endpoint: collector.url, region: 'us-east-1', credentials });
  });

  afterAll(async () => {
    client?.destroy();
    await collector?.stop();
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  it('creates the group and stream, and flush() delivers every line with every field, found by trace id', async () => {
    const out = captureStream();
    const app = createAppLogger(options(collector.url, out, 'delivery', { uploadIntervalMs: 60_000 }));
    const span = tracer.startSpan('GET /api/activities/home');
    context.with(trace.setSpan(context.active(), span), () => {
      app.logger.log('home feed served', 'ActivitiesController');
      for (let i = 0; i < 2_500; i += 1)
        app.winston.info('item', { index: i, headers: { authorization: 'Bearer s3cr3t' } });
      app.logger.fatal?.('fatal line', undefined, 'Bootstrap');
      app.winston.info('huge', { payload: 'x'.repeat(600_000) });
    });
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(app.stats().queued).toBe(2_503);

    await app.flush();
    expect(app.stats()).toEqual({ queued: 0, dropped: 0, refused: 0, sent: 2_503, failedBatches: 0 });

    const lines = await filterAllJson(client, `{ $.trace_id = "${traceId}" }`);
    expect(lines).toHaveLength(2_503);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'gateway',
      context: 'ActivitiesController',
      message: 'home feed served',
      trace_id: traceId,
      span_id: spanId,
      xray_trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
    });
    expect(lines.filter((line) => line.message === 'item').map((line) => line.index)).toEqual(
      Array.from({ length: 2_500 }, (_, i) => i),
    );
    expect(lines.find((line) => line.level === 'fatal')).toMatchObject({ message: 'fatal line', context: 'Bootstrap' });
    expect(lines.find((line) => line.message === 'huge')).toMatchObject({ truncated: true, trace_id: traceId });
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');

    const { body } = await request<{ cloudwatch?: unknown[] } | unknown[]>(
      `${collector.url}/api/logs?trace_id=${traceId}`,
    );
    expect(JSON.stringify(body)).toContain('home feed served');
    // A second flush with nothing queued, then lines logged after it, also arrive.
    await app.flush();
    context.with(trace.setSpan(context.active(), span), () => app.winston.info('after flush'));
    await app.flush();
    expect(app.stats().sent).toBe(2_504);
  });

  it('the timer ships on its own, access lines included ({ $.type = "access" })', async () => {
    const app = createAppLogger(options(collector.url, captureStream(), 'timer'));
    const span = tracer.startSpan('notifications.list');
    context.with(trace.setSpan(context.active(), span), () =>
      app.access.tcp({ pattern: 'notifications.list', kind: 'request', status: 200, durationMs: 3 }),
    );
    span.end();
    const { traceId } = span.spanContext();
    const deadline = Date.now() + 5_000;
    let found: Array<Record<string, unknown>> = [];
    while (found.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = (await filterAllJson(client, '{ $.type = "access" }')).filter((line) => line.trace_id === traceId);
    }
    expect(found).toEqual([expect.objectContaining({ method: 'TCP', path: 'notifications.list', status: 200 })]);
    await app.flush();
  });

  it('with the endpoint a closed port: no throw, the console keeps working, one warning for the destination, flush resolves', async () => {
    const out = captureStream();
    const app = createAppLogger(
      options('http://127.0.0.1:9', out, 'closed', { uploadIntervalMs: 100, maxQueuedEvents: 50 }),
    );
    for (let round = 0; round < 10; round += 1) {
      expect(() => {
        for (let i = 0; i < 10; i += 1) app.winston.info('still logging', { round, i });
      }).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const started = Date.now();
    await expect(app.flush(2_000)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(3_000);

    const lines = out.json();
    expect(lines.filter((line) => line.message === 'still logging')).toHaveLength(100);
    // Two kinds of trouble (the uploads failing, the queue kept meanwhile overflowing), one destination:
    // one warning within the minute, saying what is queued and what was dropped.
    const warnings = lines.filter((line) => line.level === 'warn').map((line) => line.message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /could not ship log events, kept for the next upload \(\d+ queued, \d+ dropped so far.*127\.0\.0\.1:9/,
      ),
    ]);
    const stats = app.stats();
    expect(stats.failedBatches).toBeGreaterThan(1);
    expect(stats.queued).toBe(50);
    expect(stats.dropped).toBe(50);
    expect(stats.sent).toBe(0);
  });
});
