import { randomBytes } from 'node:crypto';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';
import { type RawResponse, rawRequest } from './support/raw-http';
import { Suite } from './support/suite';
import { type CollectedTrace, settledTrace } from './support/traces';

const TRACERESPONSE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const XRAY = /^Root=1-([0-9a-f]{8})-([0-9a-f]{24});Parent=([0-9a-f]{16});Sampled=([01])$/;
const CALLER_SPAN = '00f067aa0ba902b7';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A caller's trace id, fresh for each request (epoch seconds + random, like the suite's own). */
const freshTraceId = () =>
  Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0') + randomBytes(12).toString('hex');

/** Both trace headers of an answer, checked to name the same span. */
function traceHeadersOf(response: RawResponse): { traceId: string; spanId: string; flags: number } {
  const w3c = TRACERESPONSE.exec(String(response.headers.traceresponse));
  const xray = XRAY.exec(String(response.headers['x-amzn-trace-id']));
  if (!w3c || !xray) {
    throw new Error(
      `${response.status}: traceresponse ${response.headers.traceresponse}, X-Amzn-Trace-Id ${response.headers['x-amzn-trace-id']}`,
    );
  }
  const flags = parseInt(w3c[3], 16);
  expect({ traceId: xray[1] + xray[2], spanId: xray[3], sampled: xray[4] === '1' }).toEqual({
    traceId: w3c[1],
    spanId: w3c[2],
    sampled: (flags & 1) === 1,
  });
  return { traceId: w3c[1], spanId: w3c[2], flags };
}

async function startWithCollector(
  env: Record<string, string> = {},
): Promise<{ collector: CollectorProcess; suite: Suite }> {
  const collector = await CollectorProcess.start();
  const suite = await Suite.start(env, { otlpUrl: collector.url, daemonAddress: collector.daemonAddress });
  return { collector, suite };
}

describe('the public edge, trusting callers (the default)', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    ({ collector, suite } = await startWithCollector({ GATEWAY_RATE_LIMIT_PER_MINUTE: '20' }));
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('never takes the internal "undecided" marker from outside: a not-sampled caller stays not sampled', async () => {
    const traceId = freshTraceId();
    const response = await rawRequest(`${suite.baseUrl}/api/activities/home`, {
      headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-00`, tracestate: 'cruddur_xray=undecided' },
    });
    expect(response.status).toBe(200);
    const answer = traceHeadersOf(response);
    expect(answer.traceId).toBe(traceId);
    expect(answer.flags & 1).toBe(0);
    // Nothing recorded anywhere on the path: give the exporters time to send what they would have.
    await sleep(1500);
    const { status } = await request(`${collector.url}/api/traces/${traceId}`);
    expect(status).toBe(404);
  });

  it('joins a valid caller context', async () => {
    const traceId = freshTraceId();
    const response = await rawRequest(`${suite.baseUrl}/api/activities/home`, {
      headers: { traceparent: `00-${traceId}-${CALLER_SPAN}-01` },
    });
    expect(traceHeadersOf(response).traceId).toBe(traceId);
    const trace = await settledTrace(collector.url, traceId, 2);
    const server = trace.spans.find((span) => span.serviceName === 'gateway' && span.kind === 'SERVER');
    expect(server?.parentSpanId).toBe(CALLER_SPAN);
  });

  it('puts both trace headers on every answer, refused ones included (400, 413, 415, 404, 429), naming the recorded trace', async () => {
    const url = `${suite.baseUrl}/api/activities`;
    const json = { 'content-type': 'application/json' };
    const answers: Array<[string, () => Promise<RawResponse>, number]> = [
      ['bad JSON', () => rawRequest(url, { method: 'POST', headers: json, body: '{' }), 400],
      ['too large', () => rawRequest(url, { method: 'POST', headers: json, body: `"${'x'.repeat(200 * 1024)}"` }), 413],
      [
        'not JSON',
        () => rawRequest(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }),
        415,
      ],
      ['no route', () => rawRequest(`${suite.baseUrl}/nowhere`), 404],
    ];
    const seen: Array<{ label: string; status: number; traceId: string }> = [];
    for (const [label, send, status] of answers) {
      const response = await send();
      expect({ label, status: response.status }).toEqual({ label, status });
      seen.push({ label, status, traceId: traceHeadersOf(response).traceId });
    }
    // 20 a minute: the 21st request of this client address at the latest is refused.
    let limited: RawResponse | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const response = await rawRequest(`${suite.baseUrl}/api/activities/home`);
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    seen.push({ label: 'rate limited', status: 429, traceId: traceHeadersOf(limited!).traceId });

    for (const { label, status, traceId } of seen) {
      const trace: CollectedTrace = await settledTrace(collector.url, traceId);
      const server = trace.spans.find((span) => span.serviceName === 'gateway' && span.kind === 'SERVER');
      expect({ label, status: server?.attributes['http.response.status_code'] }).toEqual({ label, status });
    }
  });
});

describe('the public edge with DISTRUST_INCOMING_TRACE_CONTEXT=true', () => {
  let collector: CollectorProcess;
  let suite: Suite;

  beforeAll(async () => {
    ({ collector, suite } = await startWithCollector({ DISTRUST_INCOMING_TRACE_CONTEXT: 'true' }));
  });

  afterAll(async () => {
    await suite?.stop();
    await collector?.stop();
  });

  it('starts a new trace linked to the caller; the internal hops join the new trace', async () => {
    const sent = freshTraceId();
    const response = await rawRequest(`${suite.baseUrl}/api/activities/notifications`, {
      headers: { traceparent: `00-${sent}-${CALLER_SPAN}-01`, baggage: 'user=mallory' },
    });
    expect(response.status).toBe(200);
    const { traceId } = traceHeadersOf(response);
    expect(traceId).not.toBe(sent);

    // gateway → notifications (TCP) → activities (HTTP): all in the gateway's new trace.
    const trace = await settledTrace(collector.url, traceId, 4);
    expect(new Set(trace.spans.map((span) => span.serviceName))).toEqual(
      new Set(['gateway', 'notifications', 'activities']),
    );
    const root = trace.spans.find((span) => span.serviceName === 'gateway' && span.kind === 'SERVER');
    expect(root?.parentSpanId).toBeUndefined();
    const { body: otlp } = await request<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }>(
      `${collector.url}/api/traces/${traceId}/otlp`,
    );
    const spans = otlp.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const linked = spans.filter((span) => (span.links ?? []).length > 0);
    expect(linked.map((span) => span.spanId)).toEqual([root?.spanId]);
    expect(linked[0].links?.[0]).toMatchObject({ traceId: sent, spanId: CALLER_SPAN });
    // The X-Ray segment names the caller's trace where X-Ray can search for it.
    const segment = trace.segments.find((doc) => doc.id === root?.spanId);
    expect(segment?.annotations).toMatchObject({ linked_trace_id: `1-${sent.slice(0, 8)}-${sent.slice(8)}` });
    await expect(request(`${collector.url}/api/traces/${sent}`)).resolves.toMatchObject({ status: 404 });
  });

  it('cannot be told not to record: a not-sampled caller gets a sampled new root', async () => {
    const sent = freshTraceId();
    const response = await rawRequest(`${suite.baseUrl}/api/activities/home`, {
      headers: { traceparent: `00-${sent}-${CALLER_SPAN}-00` },
    });
    const answer = traceHeadersOf(response);
    expect(answer.traceId).not.toBe(sent);
    expect(answer.flags & 1).toBe(1);
    await settledTrace(collector.url, answer.traceId, 2);
  });
});

interface OtlpSpan {
  spanId: string;
  links?: Array<{ traceId: string; spanId: string }>;
}
