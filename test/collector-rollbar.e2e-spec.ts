import { randomBytes } from 'node:crypto';
import Rollbar from 'rollbar';
import type { RollbarItemView } from '../apps/collector/src/rollbar/rollbar-item.model';
import { CollectorProcess } from './support/collector';
import { type ErrorBody, request } from './support/http';

/** A trace id in both forms, as the services report it. */
function newTraceId(): { traceId: string; xrayTraceId: string } {
  const traceId =
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(12).toString('hex');
  return { traceId, xrayTraceId: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}` };
}

/** A minimal valid item, as Rollbar's API documents it. */
const item = (overrides: Record<string, unknown> = {}) => ({
  data: { environment: 'test', level: 'info', body: { message: { body: 'raw item' } }, ...overrides },
});

interface RollbarAnswer {
  err: number;
  message?: string;
  result?: { id: null; uuid: string };
}

describe('collector: Rollbar item API', () => {
  let collector: CollectorProcess;
  const { traceId, xrayTraceId } = newTraceId();
  /** What the client's callbacks received: the API's `result`, or the error. */
  const delivered: unknown[] = [];

  const postItem = (
    body: string,
    headers: Record<string, string> = { 'x-rollbar-access-token': 'local-token' },
    path = '/api/1/item/',
  ) =>
    request<RollbarAnswer>(`${collector.url}${path}`, {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const errors = (query = '') => request<RollbarItemView[]>(`${collector.url}/api/errors${query}`);

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    // The real client, configured as Rollbar documents it (endpoint: the item URL).
    const rollbar = new Rollbar({
      accessToken: 'local-token',
      endpoint: `${collector.url}/api/1/item/`,
      environment: 'test',
      captureUncaught: false,
      captureUnhandledRejections: false,
    });
    const remember = (error: Error | undefined, result: unknown) => delivered.push(error ?? result);
    rollbar.error(
      new TypeError('activity store unreachable'),
      { trace_id: traceId, xray_trace_id: xrayTraceId },
      remember,
    );
    await new Promise<void>((resolve) => rollbar.wait(resolve));
    rollbar.warning('Hello World!', remember);
    await new Promise<void>((resolve) => rollbar.wait(resolve));
  });

  afterAll(async () => {
    await collector?.stop();
  });

  it('receives what the rollbar client reports, and answers it as Rollbar does', async () => {
    expect(delivered).toEqual([
      { id: null, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      { id: null, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    const { status, body } = await errors();
    expect(status).toBe(200);
    // Newest first: the warning, then the error.
    expect(body.map((view) => [view.level, view.environment, view.title, view.traceId])).toEqual([
      ['warning', 'test', 'Hello World!', undefined],
      ['error', 'test', 'TypeError: activity store unreachable', traceId],
    ]);
    const uuids = (delivered as Array<{ uuid: string }>).map((result) => result.uuid);
    expect(body.map((view) => view.uuid)).toEqual([uuids[1], uuids[0]]);
    const [warning, error] = body;
    expect(warning.item).toMatchObject({
      uuid: warning.uuid,
      level: 'warning',
      body: { message: { body: 'Hello World!' } },
      notifier: { name: expect.any(String) },
    });
    expect(error.item).toMatchObject({
      uuid: error.uuid,
      custom: { trace_id: traceId, xray_trace_id: xrayTraceId },
      language: 'javascript',
    });
    const trace = (error.item.body as { trace_chain?: Array<{ exception: unknown; frames: unknown[] }> })
      .trace_chain?.[0];
    expect(trace?.exception).toEqual({ class: 'TypeError', message: 'activity store unreachable' });
    expect(trace?.frames.length).toBeGreaterThan(0);
    expect(error.receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('finds a trace’s items by trace id, in either form', async () => {
    for (const id of [traceId, xrayTraceId, traceId.toUpperCase()]) {
      const { body } = await errors(`?trace_id=${id}`);
      expect(body.map((view) => view.title)).toEqual(['TypeError: activity store unreachable']);
    }
    expect((await errors(`?trace_id=${newTraceId().traceId}`)).body).toEqual([]);
  });

  it('also accepts the client configured with the API base as endpoint (it posts to that URL as is)', async () => {
    const rollbar = new Rollbar({
      accessToken: 'local-token',
      endpoint: `${collector.url}/api/1/`,
      environment: 'test',
    });
    const answers: unknown[] = [];
    rollbar.info('via the base URL', (error: Error | undefined, result: unknown) => answers.push(error ?? result));
    await new Promise<void>((resolve) => rollbar.wait(resolve));
    expect(answers).toEqual([{ id: null, uuid: expect.any(String) }]);
    expect((await errors('?limit=1')).body.map((view) => view.title)).toEqual(['via the base URL']);
  });

  it('refuses invalid items with a clear error and keeps valid ones sent alongside', async () => {
    const before = (await errors('?limit=1000')).body.length;
    const answers = await Promise.all([
      postItem(JSON.stringify(item()), {}),
      postItem('{"data": {"body": '),
      postItem(JSON.stringify({ access_token: 'local-token' })),
      postItem(JSON.stringify(item({ body: { stack: {} } }))),
      postItem(JSON.stringify(item({ level: 'fatal' }))),
      postItem(JSON.stringify(item({ body: { trace: { exception: {}, frames: [] } } }))),
      postItem(
        JSON.stringify({
          access_token: 'body-token',
          ...item({ body: { message: { body: 'valid, token in body' } } }),
        }),
        {},
        '/api/1/item',
      ),
    ]);
    expect(answers.map((answer) => [answer.status, answer.body.err])).toEqual([
      [401, 1],
      [400, 1],
      [422, 1],
      [422, 1],
      [422, 1],
      [422, 1],
      [200, 0],
    ]);
    expect(answers.slice(0, 6).map((answer) => answer.body.message)).toEqual([
      'No access token: send it in the X-Rollbar-Access-Token header or as access_token in the body',
      expect.stringMatching(/^Request body is not valid JSON: /),
      'The payload has no data object',
      'data.body must have exactly one of trace, trace_chain, message, crash_report; got stack',
      'data.level must be one of critical, error, warning, info, debug, got "fatal"',
      'data.body.trace.exception.class must be a non-empty string',
    ]);
    const after = (await errors('?limit=1000')).body;
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({
      title: 'valid, token in body',
      level: 'info',
      item: item({ body: { message: { body: 'valid, token in body' } } }).data,
    });
    expect(collector.process.running).toBe(true);
  });

  it('answers bad read queries with a JSON 400', async () => {
    const badTrace = await request<ErrorBody>(`${collector.url}/api/errors?trace_id=not-a-trace`);
    expect(badTrace.status).toBe(400);
    expect(badTrace.body.message).toContain('trace_id must be 32 hex digits or an X-Ray trace id');
    const badLimit = await request<ErrorBody>(`${collector.url}/api/errors?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.message).toBe('limit must be an integer from 1 to 1000, got "0"');
  });
});

describe('collector: Rollbar store limits', () => {
  let collector: CollectorProcess;

  beforeAll(async () => {
    collector = await CollectorProcess.start({ COLLECTOR_MAX_ERROR_ITEMS: '5' });
  });

  afterAll(async () => {
    await collector?.stop();
  });

  it('keeps at most COLLECTOR_MAX_ERROR_ITEMS items, evicting the oldest', async () => {
    for (let i = 0; i < 8; i++) {
      const answer = await request<RollbarAnswer>(`${collector.url}/api/1/item/`, {
        body: item({ body: { message: { body: `item ${i}` } } }),
        headers: { 'x-rollbar-access-token': 'local-token' },
      });
      expect(answer.status).toBe(200);
    }
    const { body } = await request<RollbarItemView[]>(`${collector.url}/api/errors`);
    expect(body.map((view) => view.title)).toEqual(['item 7', 'item 6', 'item 5', 'item 4', 'item 3']);
  });
});
