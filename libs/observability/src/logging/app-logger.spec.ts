import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { createAppLogger } from './app-logger.factory';
import type { AppLoggerOptions } from './app-logger.options';
import { captureStream, type CapturedStream, settle } from './testing/captured.stream';

const base = (stream: CapturedStream, extra: Partial<AppLoggerOptions> = {}): AppLoggerOptions => ({
  serviceName: 'gateway',
  serviceVersion: '1.2.3',
  environment: 'test',
  level: 'info',
  format: 'json',
  consoleStream: stream.stream,
  ...extra,
});

describe('createAppLogger', () => {
  const provider = new TracerProvider();
  const tracer = provider.getTracer('app-logger-spec');
  const manager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  it('writes JSON lines with service, context, message, meta and the active span ids', async () => {
    const stream = captureStream();
    const app = createAppLogger(base(stream));
    const span = tracer.startSpan('GET /api/activities/home');
    context.with(trace.setSpan(context.active(), span), () => {
      app.logger.log('feed served', 'ActivitiesController');
      app.winston.info('structured', { count: 3, user: { handle: 'worf' } });
    });
    span.end();
    app.winston.warn('outside any span');
    await settle();

    const { traceId, spanId } = span.spanContext();
    const [nest, structured, outside] = stream.json();
    expect(nest).toMatchObject({
      level: 'info',
      service: 'gateway',
      context: 'ActivitiesController',
      message: 'feed served',
      trace_id: traceId,
      span_id: spanId,
      xray_trace_id: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
    });
    expect(new Date(nest.timestamp as string).toISOString()).toBe(nest.timestamp);
    expect(Object.keys(nest).slice(0, 8)).toEqual([
      'timestamp',
      'level',
      'service',
      'context',
      'message',
      'trace_id',
      'span_id',
      'xray_trace_id',
    ]);
    expect(nest.xray_trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(structured).toMatchObject({ message: 'structured', count: 3, user: { handle: 'worf' }, trace_id: traceId });
    expect(outside).toMatchObject({ level: 'warn', message: 'outside any span' });
    expect(outside).not.toHaveProperty('trace_id');
  });

  it('has fatal: nest-winston fatal() and winston.fatal(), never filtered out', async () => {
    const stream = captureStream();
    const app = createAppLogger(base(stream, { level: 'fatal' }));
    app.logger.fatal?.('cannot start', undefined, 'Bootstrap');
    app.winston.fatal('disk gone');
    app.logger.error('an error is below fatal');
    await settle();
    expect(stream.json()).toEqual([
      expect.objectContaining({ level: 'fatal', message: 'cannot start', context: 'Bootstrap' }),
      expect.objectContaining({ level: 'fatal', message: 'disk gone' }),
    ]);
  });

  it('filters by level (verbose is the most detailed) and keeps error stacks', async () => {
    const stream = captureStream();
    const app = createAppLogger(base(stream, { level: 'warn' }));
    app.logger.debug?.('hidden');
    app.logger.log('hidden too');
    app.logger.error('failed', 'Error: failed\n    at here', 'Handler');
    await settle();
    expect(stream.json()).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'failed',
        context: 'Handler',
        stack: 'Error: failed\n    at here',
      }),
    ]);

    const verbose = captureStream();
    const all = createAppLogger(base(verbose, { level: 'verbose' }));
    all.logger.verbose?.('detail');
    await settle();
    expect(verbose.json()).toEqual([expect.objectContaining({ level: 'verbose', message: 'detail' })]);
  });

  it('redacts secrets on every line', async () => {
    const stream = captureStream();
    const app = createAppLogger(base(stream));
    app.winston.info('calling with Bearer abc.def.ghi', {
      headers: { authorization: 'Bearer abc.def.ghi', accept: 'json' },
      body: [{ password: 'hunter2' }],
    });
    await settle();
    const line = stream.lines[0];
    expect(line).not.toMatch(/abc\.def|hunter2/);
    expect(JSON.parse(line)).toMatchObject({
      message: 'calling with Bearer [REDACTED]',
      headers: { authorization: '[REDACTED]', accept: 'json' },
      body: [{ password: '[REDACTED]' }],
    });
  });

  it('pretty: one readable line with the same information, coloured on a TTY', async () => {
    const stream = captureStream();
    stream.stream.isTTY = true;
    const app = createAppLogger(base(stream, { format: 'auto' }));
    const span = tracer.startSpan('work');
    context.with(trace.setSpan(context.active(), span), () => app.logger.warn('slow search', 'Search'));
    span.end();
    await settle();
    const [line] = stream.lines;
    expect(line).toContain('\x1b[');
    // eslint-disable-next-line no-control-regex -- the ESC of the colour codes is what this strips
    const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^\d{4}-\d\d-\d\dT\S+Z WARN +\[gateway\] \[Search\] slow search /);
    expect(plain).toContain(`trace_id=${span.spanContext().traceId} span_id=${span.spanContext().spanId}`);

    const piped = captureStream();
    createAppLogger(base(piped, { format: 'auto' })).winston.info('json when not a TTY');
    await settle();
    expect(JSON.parse(piped.lines[0])).toMatchObject({ message: 'json when not a TTY' });
  });

  it('without CloudWatch: zero stats, flush resolves at once', async () => {
    const app = createAppLogger(base(captureStream()));
    await expect(app.flush()).resolves.toBeUndefined();
    expect(app.stats()).toEqual({ queued: 0, dropped: 0, refused: 0, sent: 0, failedBatches: 0 });
  });
});
