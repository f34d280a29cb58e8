import { ActiveSpanFixture } from './testing/active-span.fixture';
import { ItemSink } from './testing/item-sink.fixture';
import { reporterFor } from './testing/reporter.fixture';

const spans = new ActiveSpanFixture();
/** Ours, or Rollbar's own mask where its scrubbing (the second line) went over our redaction. */
const MASKED = expect.stringMatching(/^(\[REDACTED\]|\*+)$/);

describe('RollbarErrorReporter', () => {
  let sink: ItemSink;

  beforeAll(() => spans.enable());
  afterAll(() => spans.disable());
  beforeEach(async () => {
    sink = await ItemSink.start();
  });
  afterEach(async () => {
    await sink.stop();
  });

  it('reports a handler error once, with the trace it happened in', async () => {
    const reporter = reporterFor(sink.endpoint);
    const error = new TypeError('activity store unreachable');
    const span = spans.within((active) => {
      const http = {
        method: 'GET',
        url: '/api/activities/home?limit=3',
        headers: { host: 'localhost:4567' },
        remoteAddress: '127.0.0.1',
      };
      reporter.reportHandlerError(error, { status: 500, http });
      reporter.reportHandlerError(error, { status: 502, http }); // the same error seen again higher up
      return active.spanContext();
    });
    await reporter.flush();

    expect(reporter.enabled).toBe(true);
    expect(sink.items).toHaveLength(1);
    const [{ data, token }] = sink.items;
    expect(token).toBe('local-token');
    expect(data).toMatchObject({
      level: 'error',
      environment: 'production',
      code_version: '1.2.3',
      context: 'GET /api/activities/home',
      server: { root: '/srv/gateway' },
      custom: {
        trace_id: span.traceId,
        span_id: span.spanId,
        xray_trace_id: `1-${span.traceId.slice(0, 8)}-${span.traceId.slice(8)}`,
        trace_url: `http://127.0.0.1:4318/api/traces/${span.traceId}`,
        status_code: 500,
        service: 'gateway',
      },
      request: {
        method: 'GET',
        url: 'http://localhost:4567/api/activities/home?limit=3',
        GET: { limit: '3' },
        user_ip: '127.0.0.1',
      },
    });
    const chain = (data.body as { trace_chain: Array<{ exception: unknown; frames: unknown[] }> }).trace_chain;
    expect(chain[0].exception).toEqual({ class: 'TypeError', message: 'activity store unreachable' });
    expect(chain[0].frames.length).toBeGreaterThan(0);
  });

  it('takes the trace from a span context passed in, and reports TCP handler errors with their pattern', async () => {
    const reporter = reporterFor(sink.endpoint);
    const spanContext = { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', traceFlags: 1 };
    reporter.reportHandlerError(new Error('store full'), {
      status: 507,
      rpc: { pattern: 'notifications.create', payload: { handle: 'worf', token: 'abc' } },
      spanContext,
    });
    await reporter.flush();

    expect(sink.items).toHaveLength(1);
    expect(sink.items[0].data).toMatchObject({
      context: 'notifications.create',
      custom: {
        trace_id: spanContext.traceId,
        span_id: spanContext.spanId,
        xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
        rpc: { pattern: 'notifications.create', payload: { handle: 'worf', token: MASKED } },
      },
    });
    expect(sink.items[0].data.request).toBeUndefined();
  });

  it('skips 4xx unless told to report client errors, then reports them as warnings', async () => {
    const quiet = reporterFor(sink.endpoint);
    quiet.reportHandlerError(new Error('Not Found'), { status: 404 });
    quiet.reportHandlerError(new Error('term_blank'), { status: 422 });
    await quiet.flush();
    expect(sink.items).toHaveLength(0);

    const loud = reporterFor(sink.endpoint, { reportClientErrors: true });
    loud.reportHandlerError(new Error('Not Found'), { status: 404 });
    await loud.flush();
    expect(sink.items.map((item) => [item.data.level, item.data.custom])).toEqual([
      ['warning', expect.objectContaining({ status_code: 404 })],
    ]);
  });

  it("sends a message at the level asked, as the original's GET /rollbar/test", async () => {
    const reporter = reporterFor(sink.endpoint);
    const span = spans.within((active) => {
      reporter.message('Hello World!', 'warning', { route: '/rollbar/test', level: 'debug', api_key: 'k-123' });
      return active.spanContext();
    });
    await reporter.flush();

    expect(sink.items).toHaveLength(1);
    expect(sink.items[0].data).toMatchObject({
      level: 'warning',
      body: { message: { body: 'Hello World!' } },
      custom: { route: '/rollbar/test', api_key: MASKED, trace_id: span.traceId, span_id: span.spanId },
    });
  });

  it('reports outside any trace without trace fields', async () => {
    const reporter = reporterFor(sink.endpoint);
    reporter.message('started', 'info');
    await reporter.flush();
    expect(sink.items[0].data.custom).toEqual({ service: 'gateway' });
  });
});
