import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { GetTraceSummariesCommand, type TraceSummary, XRayClient } from '@aws-sdk/client-xray';
import type { RollbarItemView } from '../../apps/collector/src/rollbar/rollbar-item.model';
import { CollectorProcess } from '../support/collector';
import { eventually, request } from '../support/http';
import { type RawResponse, rawRequest } from '../support/raw-http';
import { reportFigures } from '../support/reliability-figures';
import { Suite } from '../support/suite';
import { type CollectedTrace, settledTrace } from '../support/traces';

/** Every secret the requests carry: none may reach the collector, in any of its views. */
const SECRETS = {
  queryToken: 'SECRET123tok',
  queryApiKey: 'KEY456apikey',
  querySignature: 'SIG789signature',
  queryPassword: 'PWquery0000',
  bearer: 'BEARERsecret42',
  cookie: 'COOKIEsecret43',
  xApiKey: 'XAPIKEYsecret44',
  bodyPassword: 'BODYpassword45',
};
const QUERY = `token=${SECRETS.queryToken}&api_key=${SECRETS.queryApiKey}&Signature=${SECRETS.querySignature}`;
const SECRET_HEADERS = {
  authorization: `Bearer ${SECRETS.bearer}`,
  cookie: `session=${SECRETS.cookie}`,
  'x-api-key': SECRETS.xApiKey,
};
const TRACERESPONSE = /^00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

describe('scenario (g): secrets in query strings, headers and bodies never reach telemetry', () => {
  let collector: CollectorProcess;
  let suite: Suite;
  let xray: XRayClient;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    suite = await Suite.start(
      {
        ROLLBAR_ACCESS_TOKEN: 'local-token',
        ROLLBAR_REPORT_CLIENT_ERRORS: 'true',
        CLOUDWATCH_UPLOAD_INTERVAL_MS: '200',
        // Every notifications handler fails with a 500: the gateway answers 502, both report to Rollbar.
        NOTIFICATIONS_FAULT_ERROR_RATE: '1',
      },
      { otlpUrl: collector.url, daemonAddress: collector.daemonAddress },
    );
    const aws = {
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    };
    xray = new XRayClient(aws);
    logs = new CloudWatchLogsClient(aws);
  });

  afterAll(async () => {
    xray?.destroy();
    logs?.destroy();
    await suite?.stop();
    await collector?.stop();
  });

  it('the collector holds no secret: spans, segments, trace summaries, log events, Rollbar items', async () => {
    const started = new Date(Date.now() - 60_000);
    const json = { 'content-type': 'application/json' };
    const exchanges: Array<[string, Promise<RawResponse>, number]> = [
      [
        'search, secrets in query and headers',
        rawRequest(`${suite.baseUrl}/api/activities/search?term=x&${QUERY}`, { headers: SECRET_HEADERS }),
        200,
      ],
      [
        'a failing request (502)',
        rawRequest(`${suite.baseUrl}/api/activities/notifications?${QUERY}`, { headers: SECRET_HEADERS }),
        502,
      ],
      [
        'rollbar test (a reported warning)',
        rawRequest(`${suite.baseUrl}/rollbar/test?password=${SECRETS.queryPassword}&${QUERY}`, {
          headers: SECRET_HEADERS,
        }),
        200,
      ],
      [
        'a refused body with a password (422, reported)',
        rawRequest(`${suite.baseUrl}/api/activities?${QUERY}`, {
          method: 'POST',
          headers: { ...json, ...SECRET_HEADERS },
          body: JSON.stringify({ handle: 'worf', message: '', password: SECRETS.bodyPassword }),
        }),
        422,
      ],
      [
        'a body that is not JSON, with a password (400)',
        rawRequest(`${suite.baseUrl}/api/activities?${QUERY}`, {
          method: 'POST',
          headers: { ...json, ...SECRET_HEADERS },
          body: `{"password": "${SECRETS.bodyPassword}",`,
        }),
        400,
      ],
    ];
    const traceIds: string[] = [];
    for (const [label, exchange, status] of exchanges) {
      const response = await exchange;
      expect({ label, status: response.status }).toEqual({ label, status });
      const match = TRACERESPONSE.exec(String(response.headers.traceresponse));
      expect({ label, traceresponse: Boolean(match) }).toEqual({ label, traceresponse: true });
      traceIds.push(match![1]);
    }

    // What the collector holds, in each of its views, once it has all of it.
    const traces: CollectedTrace[] = [];
    for (const traceId of traceIds) traces.push(await settledTrace(collector.url, traceId));
    const items = await eventually(async () => {
      const { body } = await request<RollbarItemView[]>(`${collector.url}/api/errors?limit=1000`);
      // Notifications' 500 (the gateway relays it as a 502 without a second item), the warning and the 422.
      return body.length >= 3 ? body : undefined;
    }, 10_000);
    const summaries = await eventually(async () => {
      const found: TraceSummary[] = [];
      let NextToken: string | undefined;
      do {
        const page = await xray.send(
          new GetTraceSummariesCommand({ StartTime: started, EndTime: new Date(), NextToken }),
        );
        found.push(...(page.TraceSummaries ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return found.length >= traceIds.length ? found : undefined;
    }, 10_000);
    const events = await eventually(async () => {
      const found: FilteredLogEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(new FilterLogEventsCommand({ logGroupName: 'cruddur', nextToken }));
        found.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      const access = found
        .map((event) => JSON.parse(event.message ?? '{}') as { type?: string; service?: string })
        .filter((line) => line.type === 'access' && line.service === 'gateway');
      return access.length >= exchanges.length ? found : undefined;
    }, 10_000);

    const views: Record<string, string> = {
      'OTel spans': JSON.stringify(traces.map((trace) => trace.spans)),
      'X-Ray segments': JSON.stringify(traces.map((trace) => trace.segments)),
      GetTraceSummaries: JSON.stringify(summaries),
      FilterLogEvents: JSON.stringify(events),
      'Rollbar items': JSON.stringify(items),
      'console logs': Object.values(suite.services)
        .map((service) => service.logs)
        .join('\n'),
    };
    const found = Object.entries(views).flatMap(([view, text]) =>
      Object.entries(SECRETS)
        .filter(([, secret]) => text.includes(secret))
        .map(([name]) => `${name} in ${view}`),
    );
    expect(found).toEqual([]);

    // The intake record shows the services' own telemetry requests, their credentials redacted:
    // the Rollbar token, the CloudWatch Logs signature.
    const intake = await request<{ requests: Array<{ receiver: string; headers: Record<string, unknown> }> }>(
      `${collector.url}/api/intake`,
    );
    const rollbarPost = intake.body.requests.find((entry) => entry.receiver === 'rollbar');
    expect(rollbarPost?.headers['x-rollbar-access-token']).toMatch(/^\[redacted\] /);
    const signedPost = intake.body.requests.find((entry) => entry.receiver === 'cloudwatch-logs');
    expect(signedPost?.headers.authorization).toMatchObject({ scope: { service: 'logs' } });
    expect(JSON.stringify(intake.body)).not.toMatch(/local-token|Signature=/);

    // The query was recorded, redacted: the assertion above looked at real URLs.
    const search = traces[0].spans.find((span) => span.kind === 'SERVER' && span.serviceName === 'gateway');
    expect(search?.attributes['url.query']).toBe('term=x&token=REDACTED&api_key=REDACTED&Signature=REDACTED');
    expect(traces[0].segments.find((segment) => segment.name === 'gateway')?.http?.request?.url).toMatch(
      /\/api\/activities\/search\?term=x&token=REDACTED&api_key=REDACTED&Signature=REDACTED$/,
    );
    const httpUrls = summaries.map((summary) => summary.Http?.HttpURL ?? '');
    expect(httpUrls.filter((url) => url.includes('token=REDACTED'))).toHaveLength(exchanges.length);
    const accessPaths = events
      .map((event) => JSON.parse(event.message ?? '{}') as { type?: string; path?: string; service?: string })
      .filter((line) => line.type === 'access' && line.service === 'gateway')
      .map((line) => line.path);
    // The logger's own pass masks `name=value` text again: `[REDACTED]` there.
    expect(accessPaths).toContain(
      '/api/activities/search?term=x&token=[REDACTED]&api_key=[REDACTED]&Signature=[REDACTED]',
    );
    // The refused request's item carries its request, query included (Rollbar's own scrubbing may mask again).
    const refused = items.find((item) => item.title.startsWith('UnprocessableEntityException'));
    expect(refused?.item.request).toMatchObject({
      url: expect.stringMatching(/\/api\/activities\?token=[^&]+&api_key=[^&]+&Signature=[^&]+$/),
      GET: { token: expect.any(String), api_key: expect.any(String), Signature: expect.any(String) },
      body: expect.stringContaining('"password"'),
    });

    // Rollbar items and log lines name the same environment (one default).
    const lineEnvironments = new Set(
      events.map((event) => (JSON.parse(event.message ?? '{}') as { environment?: string }).environment),
    );
    expect([...lineEnvironments]).toEqual(['local']);
    expect(new Set(items.map((item) => item.environment))).toEqual(new Set(['local']));

    reportFigures('g-secrets', {
      requests: exchanges.length,
      failingRequests: exchanges.filter(([, , status]) => status >= 400).length,
      secretsPlanted: Object.keys(SECRETS).length,
      viewsChecked: Object.keys(views).length,
      spans: traces.reduce((sum, trace) => sum + trace.spans.length, 0),
      rollbarItems: items.length,
      logEvents: events.length,
      foundInCollector: found.length,
    });
  }, 90_000);
});
