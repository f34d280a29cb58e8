import type { RollbarItemView } from '../apps/collector/src/rollbar/rollbar-item.model';
import { createErrorReporter, type ErrorReporter } from '../libs/observability/src/errors';
import { ActiveSpanFixture } from '../libs/observability/src/errors/testing/active-span.fixture';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';

// The error reporter against the collector's Rollbar API, read back through its read API.
describe('error reports at the collector', () => {
  const spans = new ActiveSpanFixture();
  let collector: CollectorProcess;
  let reporter: ErrorReporter;

  const itemsOf = async (traceId: string) =>
    (await request<RollbarItemView[]>(`${collector.url}/api/errors?trace_id=${traceId}`)).body;

  beforeAll(async () => {
    spans.enable();
    collector = await CollectorProcess.start();
    reporter = createErrorReporter({
      serviceName: 'gateway',
      serviceVersion: '0.1.0',
      rollbar: {
        accessToken: 'local-token',
        environment: 'production',
        endpoint: `${collector.url}/api/1/`,
        codeRoot: process.cwd(),
        reportClientErrors: false,
        traceLinkBase: `${collector.url}/api/traces/`,
      },
    });
  });

  afterAll(async () => {
    spans.disable();
    await collector?.stop();
  });

  it('files a handler error under its trace, without the request’s secrets', async () => {
    const span = spans.within((active) => {
      reporter.reportHandlerError(new Error('activities answered 500'), {
        status: 502,
        http: {
          method: 'POST',
          url: '/api/activities',
          headers: { host: '127.0.0.1:4567', authorization: 'Bearer s3cr3t-t0ken', 'content-type': 'application/json' },
          body: { handle: 'worf', message: 'Today is a good day', password: 'hunter2' },
          remoteAddress: '127.0.0.1',
        },
      });
      return active.spanContext();
    });
    await reporter.flush();

    const items = await itemsOf(span.traceId);
    expect(items).toHaveLength(1);
    const [view] = items;
    expect(view).toMatchObject({
      level: 'error',
      environment: 'production',
      title: 'Error: activities answered 500',
      traceId: span.traceId,
    });
    expect(view.item).toMatchObject({
      code_version: '0.1.0',
      server: { root: process.cwd() },
      custom: {
        trace_id: span.traceId,
        span_id: span.spanId,
        trace_url: `${collector.url}/api/traces/${span.traceId}`,
      },
      request: { method: 'POST', url: 'http://127.0.0.1:4567/api/activities' },
    });
    const received = JSON.stringify(view.item);
    expect(received).not.toContain('s3cr3t-t0ken');
    expect(received).not.toContain('hunter2');
    // Found by the X-Ray form of the id as well.
    expect(await itemsOf(`1-${span.traceId.slice(0, 8)}-${span.traceId.slice(8)}`)).toHaveLength(1);
  });

  it("files GET /rollbar/test's message as a warning", async () => {
    const span = spans.within((active) => {
      reporter.message('Hello World!', 'warning');
      return active.spanContext();
    });
    await reporter.flush();

    expect((await itemsOf(span.traceId)).map((view) => [view.level, view.title])).toEqual([
      ['warning', 'Hello World!'],
    ]);
  });
});
