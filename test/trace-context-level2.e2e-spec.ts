import { randomBytes } from 'node:crypto';
import { type RawResponse, rawRequest } from './support/raw-http';
import { type RecordedRequest, RecordingServer } from './support/recording-server';
import { Suite } from './support/suite';

const CALLER = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A trace id of the caller's, fresh for each request (epoch seconds + random, like the suite's own). */
const freshTraceId = () =>
  Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0') + randomBytes(12).toString('hex');

function parts(value: unknown): { traceId: string; spanId: string; flags: string } {
  const match = TRACEPARENT.exec(typeof value === 'string' ? value : '');
  if (!match) throw new Error(`not a version 00 traceparent: ${String(value)}`);
  return { traceId: match[1], spanId: match[2], flags: match[3] };
}

/**
 * The suite with TRACE_CONTEXT_TEST=1, and a recording proxy between the
 * services and activities' HTTP API: what arrives there is what activities received.
 */
async function startSuite(
  env: Record<string, string> = {},
): Promise<{ suite: Suite; intoActivities: RecordingServer }> {
  const intoActivities = await RecordingServer.start();
  const suite = await Suite.start({ TRACE_CONTEXT_TEST: '1', ACTIVITIES_URL: intoActivities.url, ...env });
  intoActivities.target = `http://127.0.0.1:${suite.ports.activitiesHttp}`;
  return { suite, intoActivities };
}

describe('W3C Trace Context Level 2 across HTTP and TCP', () => {
  let suite: Suite;
  let intoActivities: RecordingServer;
  let harness: RecordingServer;

  beforeAll(async () => {
    ({ suite, intoActivities } = await startSuite());
    harness = await RecordingServer.start();
  });

  afterAll(async () => {
    await suite?.stop();
    await intoActivities?.stop();
    await harness?.stop();
  });

  /** GET /api/activities/notifications: gateway →TCP→ notifications →HTTP→ activities. What reached activities, and the answer. */
  async function throughTcpToActivities(
    headers: Record<string, string>,
  ): Promise<{ response: RawResponse; atActivities: RecordedRequest }> {
    intoActivities.clear();
    const response = await rawRequest(`${suite.baseUrl}/api/activities/notifications`, { headers });
    expect(response.status).toBe(200);
    const batch = intoActivities.requests.filter((request) => request.url.startsWith('/activities?'));
    expect(batch).toHaveLength(1);
    return { response, atActivities: batch[0] };
  }

  /**
   * The W3C test service: gateway `POST /test` →TCP→ notifications →HTTP→ the harness.
   * Returns the one callback the harness received, and the gateway's answer.
   */
  async function throughTestService(
    headers: Record<string, string | string[]>,
  ): Promise<{ response: RawResponse; callback: RecordedRequest }> {
    harness.clear();
    const response = await rawRequest(`${suite.baseUrl}/test`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify([{ url: `${harness.url}/callback`, arguments: [] }]),
    });
    expect(response.status).toBe(200);
    expect(harness.requests).toHaveLength(1);
    return { response, callback: harness.requests[0] };
  }

  describe('the random-trace-id flag', () => {
    it.each([['03'], ['02'], ['01'], ['00']])(
      'flags %s of a caller reach activities unchanged through the TCP hop, and come back in traceresponse',
      async (flags) => {
        const id = freshTraceId();
        const { response, atActivities } = await throughTcpToActivities({ traceparent: `00-${id}-${CALLER}-${flags}` });
        expect(parts(response.headers.traceresponse)).toMatchObject({ traceId: id, flags });
        const arrived = parts(atActivities.headers.traceparent);
        expect(arrived).toMatchObject({ traceId: id, flags });
        expect(arrived.spanId).not.toBe(CALLER);
      },
    );

    it('a trace started by the gateway is sampled and random: 03 in traceresponse and at activities', async () => {
      const { response, atActivities } = await throughTcpToActivities({});
      const started = parts(response.headers.traceresponse);
      expect(started.flags).toBe('03');
      expect(parts(atActivities.headers.traceparent)).toMatchObject({ traceId: started.traceId, flags: '03' });
    });

    it('a trace continued from X-Amzn-Trace-Id alone claims no randomness for its trace id: 01', async () => {
      const id = freshTraceId();
      const xray = `Root=1-${id.slice(0, 8)}-${id.slice(8)};Parent=${CALLER};Sampled=1`;
      const { response, atActivities } = await throughTcpToActivities({ 'x-amzn-trace-id': xray });
      expect(parts(response.headers.traceresponse)).toMatchObject({ traceId: id, flags: '01' });
      expect(parts(atActivities.headers.traceparent)).toMatchObject({ traceId: id, flags: '01' });
    });

    it.each([['03'], ['02']])("flags %s travel to the W3C test service's callback too", async (flags) => {
      const id = freshTraceId();
      const { response, callback } = await throughTestService({ traceparent: `00-${id}-${CALLER}-${flags}` });
      expect(parts(response.headers.traceresponse)).toMatchObject({ traceId: id, flags });
      expect(parts(callback.headers.traceparent)).toMatchObject({ traceId: id, flags });
    });
  });

  describe('tracestate', () => {
    const thirtyTwo = Array.from(
      { length: 32 },
      (_, i) => `bar${String(i + 1).padStart(2, '0')}=${String(i + 1).padStart(2, '0')}`,
    );

    it('a valid 32-member header travels unchanged, in order', async () => {
      const header = thirtyTwo.join(',');
      const { callback } = await throughTestService({
        traceparent: `00-${freshTraceId()}-${CALLER}-01`,
        tracestate: header,
      });
      expect(callback.headers.tracestate).toBe(header);
    });

    it('32 members sent as four header lines arrive combined, in order', async () => {
      const lines = [thirtyTwo.slice(0, 10), thirtyTwo.slice(10, 20), thirtyTwo.slice(20, 30), thirtyTwo.slice(30)].map(
        (group) => group.join(','),
      );
      const { callback } = await throughTestService({
        traceparent: `00-${freshTraceId()}-${CALLER}-01`,
        tracestate: lines,
      });
      expect(callback.headers.tracestate).toBe(thirtyTwo.join(','));
    });

    it('the same 32-member header reaches activities unchanged, over TCP then HTTP', async () => {
      const { atActivities } = await throughTcpToActivities({
        traceparent: `00-${freshTraceId()}-${CALLER}-03`,
        tracestate: thirtyTwo.join(','),
      });
      expect(atActivities.headers.tracestate).toBe(thirtyTwo.join(','));
    });

    const invalid: Array<[string, string | string[]]> = [
      ['33 members', [...thirtyTwo, 'bar33=33'].join(',')],
      ['33 members over two header lines', [thirtyTwo.join(','), 'bar33=33']],
      ['a key twice', 'foo=1,congo=2,foo=1'],
      ['a key twice over two header lines', ['foo=1', 'foo=2']],
      ['an upper-case key', 'congo=1,FOO=1'],
      ['a dot in a key', 'congo=1,foo.bar=1'],
      ['a space before =', 'congo=1,foo =1'],
      ['a key of 257 characters', `congo=1,${'z'.repeat(257)}=1`],
      ['a tenant id of 242 characters', `congo=1,${'t'.repeat(242)}@v=1`],
      ['a system id of 15 characters', `congo=1,t@${'v'.repeat(15)}=1`],
      ['an empty system id', 'foo@=1,bar=2'],
      ['an empty tenant id', '@foo=1,bar=2'],
      ['two @ in a key', 'foo@bar@baz=1,bar=2'],
      ['an = in a value', 'congo=1,foo=bar=baz'],
      ['an empty value', 'foo=,bar=3'],
      ['a member without =', 'congo=1,foo'],
      ['a value of 257 characters', `congo=1,foo=${'v'.repeat(257)}`],
    ];

    it.each(invalid)('a header with %s is discarded whole, and the trace goes on', async (_, tracestate) => {
      const id = freshTraceId();
      const { callback } = await throughTestService({ traceparent: `00-${id}-${CALLER}-01`, tracestate });
      expect(parts(callback.headers.traceparent)).toMatchObject({ traceId: id, flags: '01' });
      expect(callback.headers).not.toHaveProperty('tracestate');
    });

    it('the library\'s own "undecided" marker from outside is not trusted: removed, the decision not reopened', async () => {
      const id = freshTraceId();
      const { callback } = await throughTestService({
        traceparent: `00-${id}-${CALLER}-00`,
        tracestate: 'congo=1,cruddur_xray=undecided,rojo=2',
      });
      // Trusted, the marker would make the gateway sample as at a root (everything, here): flags 01.
      expect(parts(callback.headers.traceparent)).toMatchObject({ traceId: id, flags: '00' });
      expect(callback.headers.tracestate).toBe('congo=1,rojo=2');
    });
  });

  describe('traceparent', () => {
    const id = '12345678901234567890123456789012';

    it.each([
      ['version 00', `00-${id}-${CALLER}-01`],
      ['version cc', `cc-${id}-${CALLER}-01`],
      ['version cc with a future field', `cc-${id}-${CALLER}-01-what-the-future-will-be-like`],
    ])('continues %s, and sends version 00 on', async (_, traceparent) => {
      const { response, callback } = await throughTestService({ traceparent, tracestate: 'foo=1' });
      expect(parts(response.headers.traceresponse).traceId).toBe(id);
      const sent = parts(callback.headers.traceparent);
      expect(sent).toMatchObject({ traceId: id, flags: '01' });
      expect(sent.spanId).not.toBe(CALLER);
      expect(callback.headers.tracestate).toBe('foo=1');
    });

    const invalid: Array<[string, string]> = [
      ['version ff', `ff-${id}-${CALLER}-01`],
      ['version 00 followed by a future field', `00-${id}-${CALLER}-01-what-the-future-will-be-like`],
      ['version 00 followed by another character', `00-${id}-${CALLER}-01.`],
      ['version cc followed by a character other than a dash', `cc-${id}-${CALLER}-01.what-the-future-will-be-like`],
      ['version cc shorter than 55 characters', `cc-${id}-${CALLER}-1`],
      ['an illegal character in the version', `.0-${id}-${CALLER}-01`],
      ['a version in upper case', `CC-${id}-${CALLER}-01`],
      ['a version of 3 digits', `000-${id}-${CALLER}-01`],
      ['a version of 1 digit', `0-${id}-${CALLER}-01`],
      ['an all-zero trace id', `00-${'0'.repeat(32)}-${CALLER}-01`],
      ['an all-zero parent id', `00-${id}-${'0'.repeat(16)}-01`],
      ['upper-case hex in the trace id', `00-ABCDEF78901234567890123456789012-${CALLER}-01`],
      ['upper-case hex in the parent id', `00-${id}-00F067AA0BA902B7-01`],
      ['upper-case hex in the flags', `00-${id}-${CALLER}-0A`],
      ['an illegal character in the trace id', `00-.2345678901234567890123456789012-${CALLER}-01`],
      ['a trace id of 33 digits', `00-${id}3-${CALLER}-01`],
      ['a trace id of 31 digits', `00-${id.slice(1)}-${CALLER}-01`],
      ['an illegal character in the parent id', `00-${id}-.0f067aa0ba902b7-01`],
      ['a parent id of 17 digits', `00-${id}-${CALLER}7-01`],
      ['a parent id of 15 digits', `00-${id}-${CALLER.slice(1)}-01`],
      ['an illegal character in the flags', `00-${id}-${CALLER}-.0`],
      ['flags of 3 digits', `00-${id}-${CALLER}-001`],
      ['flags of 1 digit', `00-${id}-${CALLER}-1`],
    ];

    it.each(invalid)('starts a new trace on %s, and does not read tracestate', async (_, traceparent) => {
      const { response, callback } = await throughTestService({ traceparent, tracestate: 'foo=1' });
      const started = parts(response.headers.traceresponse);
      expect(started.traceId).not.toBe(id);
      expect(started.flags).toBe('03');
      expect(parts(callback.headers.traceparent)).toMatchObject({ traceId: started.traceId, flags: '03' });
      expect(callback.headers).not.toHaveProperty('tracestate');
    });

    it('starts a new trace for a repeated traceparent', async () => {
      const other = freshTraceId();
      const { response } = await throughTestService({
        traceparent: [`00-${id}-${CALLER}-01`, `00-${other}-${CALLER}-01`],
      });
      expect([id, other]).not.toContain(parts(response.headers.traceresponse).traceId);
    });
  });
});

describe('W3C Trace Context Level 2 when the gateway samples nothing', () => {
  let suite: Suite;
  let intoActivities: RecordingServer;

  beforeAll(async () => {
    ({ suite, intoActivities } = await startSuite({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' }));
  });

  afterAll(async () => {
    await suite?.stop();
    await intoActivities?.stop();
  });

  it('a trace it starts is random but not sampled: 02 in traceresponse and at activities', async () => {
    const response = await rawRequest(`${suite.baseUrl}/api/activities/notifications`);
    expect(response.status).toBe(200);
    const started = parts(response.headers.traceresponse);
    expect(started.flags).toBe('02');
    const batch = intoActivities.requests.filter((request) => request.url.startsWith('/activities?'));
    expect(batch.map((request) => parts(request.headers.traceparent))).toEqual([
      expect.objectContaining({ traceId: started.traceId, flags: '02' }),
    ]);
  });
});
