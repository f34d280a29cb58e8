import { CollectorProcess } from './support/collector';
import { type ErrorBody, eventually, request } from './support/http';
import { freePort } from './support/ports';
import { ServiceProcess } from './support/service-process';
import { Suite } from './support/suite';
import { settledTrace, traceIdOf } from './support/traces';

const LIMITED = '/api/activities/home';
const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

const headersOf = (response: Response, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));

/** A whole number of seconds a client may have to wait: within the minute. */
const seconds = (value: string | null) => {
  expect(value).toMatch(/^\d+$/);
  const n = Number(value);
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(60);
  return n;
};

describe('rate limits at the gateway, GATEWAY_RATE_LIMIT_PER_MINUTE=5', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  const url = (path: string) => `${suite.baseUrl}${path}`;
  /** The budget of this test's client address, spent: the answer that went past it. */
  const spend = async (): Promise<Response> => {
    for (let i = 0; i < 10; i++) {
      const response = await fetch(url(LIMITED));
      if (response.status === 429) return response;
    }
    throw new Error('no 429 after 10 requests with a limit of 5');
  };

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      { GATEWAY_RATE_LIMIT_PER_MINUTE: '5', TRACE_CONTEXT_TEST: '1', CLOUDWATCH_UPLOAD_INTERVAL_MS: '200' },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('counts RateLimit-Remaining down over the first 5 requests, then answers 429 with Retry-After and the JSON error', async () => {
    const passed: Array<Record<string, string | null>> = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(url(LIMITED));
      expect(response.status).toBe(200);
      passed.push(headersOf(response, RATE_LIMIT_HEADERS));
    }
    expect(passed.map((headers) => [headers['ratelimit-limit'], headers['ratelimit-remaining']])).toEqual([
      ['5', '4'],
      ['5', '3'],
      ['5', '2'],
      ['5', '1'],
      ['5', '0'],
    ]);
    const resets = passed.map((headers) => seconds(headers['ratelimit-reset']));
    expect([...resets].sort((a, b) => b - a)).toEqual(resets);

    const refused = await fetch(url(LIMITED));
    expect(refused.status).toBe(429);
    const retryAfter = seconds(refused.headers.get('retry-after'));
    expect(headersOf(refused, RATE_LIMIT_HEADERS)).toEqual({
      'ratelimit-limit': '5',
      'ratelimit-remaining': '0',
      // One fixed window per client: it resets when the client may come back.
      'ratelimit-reset': String(retryAfter),
    });
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `Rate limit exceeded: 5 requests per minute per client; retry after ${retryAfter} s`,
    });
    // One budget per client address, whatever the route.
    const other = await request<ErrorBody>(url('/api/activities/@worf'));
    expect([other.status, other.body.error]).toEqual([429, 'Too Many Requests']);
  });

  it('never limits the liveness check nor POST /test, and limits the readiness check', async () => {
    await spend();
    for (let i = 0; i < 8; i++) {
      const live = await fetch(url('/api/health-check'));
      expect([live.status, await live.json()]).toEqual([200, { success: true, ver: 1 }]);
      expect(headersOf(live, RATE_LIMIT_HEADERS)).toEqual({
        'ratelimit-limit': null,
        'ratelimit-remaining': null,
        'ratelimit-reset': null,
      });
    }
    const test = await request(url('/test'), { body: [] });
    expect([test.status, test.body, test.headers.get('ratelimit-limit')]).toEqual([200, { forwarded: 0 }, null]);
    const ready = await request<ErrorBody>(url('/api/health-check/ready'));
    expect([ready.status, ready.headers.get('ratelimit-remaining')]).toEqual([429, '0']);
  });

  it("shows the 429 in both views of its trace and in the gateway's access line", async () => {
    const refused = await spend();
    const { traceId, sampled } = traceIdOf(refused.headers);
    expect(sampled).toBe(true);
    const trace = await settledTrace(collector.url, traceId, 1);
    // The guard refused the request inside the HTTP server span, before the handler's span would have started.
    expect(trace.spans.map((span) => [span.serviceName, span.kind])).toEqual([['gateway', 'SERVER']]);
    const [server] = trace.spans;
    // Named after its route all the same: the guard hands the route to the span, as the interceptor would.
    expect(server.name).toBe(`GET ${LIMITED}`);
    expect(server.attributes).toMatchObject({ 'http.route': LIMITED, 'http.response.status_code': 429 });
    expect(server.events).toEqual([]);
    expect(trace.segments).toHaveLength(1);
    const [segment] = trace.segments;
    expect(segment).toMatchObject({
      name: 'gateway',
      throttle: true,
      error: true,
      http: { request: { method: 'GET' }, response: { status: 429 } },
    });
    expect(segment.fault).toBeUndefined();

    const access = await eventually(async () => {
      const { body } = await request<{ cloudwatch: Array<{ logStreamName: string; message: string }> }>(
        `${collector.url}/api/logs?trace_id=${trace.xrayTraceId}`,
      );
      const lines = body.cloudwatch
        .filter((event) => event.logStreamName.startsWith('gateway/'))
        .map((event) => JSON.parse(event.message) as { type?: string; status?: number; path?: string; message: string })
        .filter((line) => line.type === 'access');
      return lines.length > 0 ? lines : undefined;
    }, 10_000);
    expect(access).toEqual([
      expect.objectContaining({ status: 429, path: LIMITED, message: expect.stringMatching(/ GET http \S+ 429$/) }),
    ]);
  });
});

describe('GATEWAY_RATE_LIMIT_PER_MINUTE=0', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await Suite.start({ GATEWAY_RATE_LIMIT_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('limits nothing: 50 quick requests all answer 200, without RateLimit headers', async () => {
    const statuses: number[] = [];
    const limits: Array<string | null> = [];
    for (let i = 0; i < 50; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => fetch(`${suite.baseUrl}${LIMITED}`)));
      for (const response of batch) {
        statuses.push(response.status);
        limits.push(response.headers.get('ratelimit-limit'));
        await response.arrayBuffer();
      }
    }
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 200));
    expect(new Set(limits)).toEqual(new Set([null]));
  });
});

describe('an invalid GATEWAY_RATE_LIMIT_PER_MINUTE', () => {
  it('stops the gateway at start with a message naming the variable', async () => {
    const port = await freePort();
    const nowhere = `127.0.0.1:${await freePort()}`;
    const gateway = new ServiceProcess(
      'gateway',
      {
        GATEWAY_PORT: String(port),
        GATEWAY_RATE_LIMIT_PER_MINUTE: '-5',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://${nowhere}`,
        AWS_XRAY_DAEMON_ADDRESS: nowhere,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: `http://${nowhere}`,
        COLLECTOR_URL: `http://${nowhere}`,
      },
      [port],
    );
    await expect(gateway.start()).rejects.toThrow(
      'gateway failed to start: GATEWAY_RATE_LIMIT_PER_MINUTE must be a non-negative integer, got "-5"',
    );
    expect(await gateway.stop()).toBe(1);
  });
});
