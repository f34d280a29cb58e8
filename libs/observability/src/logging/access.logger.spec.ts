import { type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { accessTimestamp } from './access.logger';
import { createAppLogger } from './app-logger.factory';
import { captureStream, type CapturedStream, settle } from './testing/captured.stream';

describe('AccessLogger', () => {
  const provider = new TracerProvider();
  const tracer = provider.getTracer('access-spec');
  let stream: CapturedStream;
  let server: Server | undefined;

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });
  beforeEach(() => {
    stream = captureStream();
  });
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const app = () =>
    createAppLogger({
      serviceName: 'gateway',
      serviceVersion: '1',
      environment: 'test',
      level: 'info',
      format: 'json',
      consoleStream: stream.stream,
    });

  it('formats the original timestamp', () => {
    expect(accessTimestamp(new Date('2026-11-05T09:07:00Z'))).toBe('[2026-Nov-05 09:07]');
  });

  it('does nothing per request below info: no line, no listener on the response', async () => {
    const { access } = createAppLogger({
      serviceName: 'gateway',
      serviceVersion: '1',
      environment: 'test',
      level: 'warn',
      format: 'json',
      consoleStream: stream.stream,
    });
    const middleware = access.httpMiddleware();
    const finishListeners: number[] = [];
    server = createServer((req, res) => {
      const before = res.listenerCount('finish');
      middleware(req, res, () => {
        finishListeners.push(res.listenerCount('finish') - before);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    expect((await fetch(`http://127.0.0.1:${port}/x`)).status).toBe(200);
    access.tcp({ pattern: 'activities.create', kind: 'request', status: 200, durationMs: 1 });
    await settle();
    expect(finishListeners).toEqual([0]);
    expect(stream.json()).toEqual([]);
  });

  it('logs one line per HTTP request when it finishes, with the span captured at its start', async () => {
    const { access } = app();
    const middleware = access.httpMiddleware();
    const spans: Array<{ traceId: string; spanId: string }> = [];
    server = createServer((req, res) => {
      const span = tracer.startSpan('GET');
      spans.push(span.spanContext());
      context.with(trace.setSpan(context.active(), span), () =>
        middleware(req, res, () => {
          // The response finishes outside the request's context: the ids must still be the request's.
          setTimeout(
            () =>
              context.with(ROOT_CONTEXT, () => {
                res.statusCode = 404;
                res.end('nope');
                span.end();
              }),
            5,
          );
        }),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const response = await fetch(
      `http://127.0.0.1:${port}/api/activities/search?term=cloud&token=abc&Signature=sig&AWSAccessKeyId=AKID`,
    );
    expect(response.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();

    const lines = stream.json();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      type: 'access',
      remote_addr: '127.0.0.1',
      method: 'GET',
      scheme: 'http',
      path: '/api/activities/search?term=cloud&token=[REDACTED]&Signature=[REDACTED]&AWSAccessKeyId=[REDACTED]',
      status: 404,
      trace_id: spans[0].traceId,
      span_id: spans[0].spanId,
    });
    expect(lines[0].duration_ms).toBeGreaterThan(0);
    expect(lines[0].message).toMatch(
      /^\[\d{4}-[A-Z][a-z]{2}-\d\d \d\d:\d\d\] 127\.0\.0\.1 GET http \/api\/activities\/search\?term=cloud&token=\[REDACTED\]&Signature=\[REDACTED\]&AWSAccessKeyId=\[REDACTED\] 404$/,
    );
  });

  it('logs a request whose client went away before the answer, once, as aborted', async () => {
    const { access } = app();
    const middleware = access.httpMiddleware();
    let closed!: () => void;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    server = createServer((req, res) => {
      middleware(req, res, () => undefined);
      res.on('close', () => setImmediate(closed));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    const pending = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`, {
      signal: controller.signal,
    }).catch(() => undefined);
    setTimeout(() => controller.abort(), 30);
    await pending;
    await gone;
    await settle();
    expect(stream.json()).toEqual([expect.objectContaining({ type: 'access', path: '/slow', aborted: true })]);
  });

  it('logs TCP messages with method TCP, the pattern as path, and the active span', async () => {
    const { access } = app();
    const span = tracer.startSpan('notifications.list');
    context.with(trace.setSpan(context.active(), span), () =>
      access.tcp({
        pattern: 'notifications.list',
        kind: 'request',
        status: 200,
        durationMs: 1.5,
        remoteAddress: '127.0.0.1',
      }),
    );
    access.tcp({ pattern: 'activity.created', kind: 'event', status: 500, durationMs: 2 });
    span.end();
    await settle();
    const [request, event] = stream.json();
    expect(request).toMatchObject({
      type: 'access',
      method: 'TCP',
      scheme: 'tcp',
      path: 'notifications.list',
      kind: 'request',
      status: 200,
      duration_ms: 1.5,
      remote_addr: '127.0.0.1',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(request.message).toMatch(/\] 127\.0\.0\.1 TCP tcp notifications\.list 200$/);
    expect(event).toMatchObject({ type: 'access', method: 'TCP', kind: 'event', status: 500, remote_addr: '-' });
    expect(event).not.toHaveProperty('trace_id');
  });
});
