import { createSocket } from 'node:dgram';
import {
  BatchGetTracesCommand,
  CreateGroupCommand,
  CreateSamplingRuleCommand,
  DeleteGroupCommand,
  DeleteSamplingRuleCommand,
  GetGroupCommand,
  GetGroupsCommand,
  GetSamplingRulesCommand,
  GetSamplingTargetsCommand,
  GetServiceGraphCommand,
  GetTraceGraphCommand,
  GetTraceSummariesCommand,
  PutTraceSegmentsCommand,
  type Service,
  type Trace,
  UpdateGroupCommand,
  UpdateSamplingRuleCommand,
  XRayClient,
} from '@aws-sdk/client-xray';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- this spec is a client of the SDK as published
import * as AWSXRay from 'aws-xray-sdk-core';
import { CollectorProcess } from './support/collector';
import { eventually, request } from './support/http';

/** A segment document as BatchGetTraces gives it back (the parts the tests read). */
interface Document {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  fault?: boolean;
  namespace?: string;
  annotations?: Record<string, unknown>;
  http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
  subsegments?: Document[];
}

const BODY_LIMIT = 100_000;
const RUN = `run${Date.now()}`;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const withHttp = (target: object, method: string, url: string, status: number): void => {
  Object.assign(target, { http: { request: { method, url }, response: { status } } });
};
const window = () => ({ StartTime: new Date(Date.now() - 120_000), EndTime: new Date(Date.now() + 60_000) });
const documents = (trace: Trace | undefined): Document[] =>
  (trace?.Segments ?? []).map((segment) => JSON.parse(segment.Document ?? '{}') as Document);

describe('collector: X-Ray daemon and API', () => {
  let collector: CollectorProcess;
  let xray: XRayClient;

  /** The trace once BatchGetTraces returns `count` complete documents for it (UDP delivery is asynchronous). */
  const traceOnceComplete = (
    traceId: string,
    count: number,
    ready: (docs: Document[]) => boolean = () => true,
  ): Promise<Trace> =>
    eventually(async () => {
      const { Traces } = await xray.send(new BatchGetTracesCommand({ TraceIds: [traceId] }));
      const docs = documents(Traces?.[0]);
      return docs.length === count && docs.every((doc) => doc.in_progress !== true) && ready(docs)
        ? Traces?.[0]
        : undefined;
    });

  // (a) a segment with annotations, an HTTP block and a nested subsegment
  const annotated = new AWSXRay.Segment('backend-flask');
  // (b) a segment whose subsegment is streamed on its own, the segment first sent in progress
  const streamed = new AWSXRay.Segment('activities');
  // (c) two services sharing one trace: gateway calls notifications
  const gateway = new AWSXRay.Segment('gateway');
  let remoteCallId = '';
  // (d) a faulty trace
  const faulty = new AWSXRay.Segment('backend-flask');

  beforeAll(async () => {
    collector = await CollectorProcess.start({ COLLECTOR_BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    xray = new XRayClient({
      endpoint: collector.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    AWSXRay.setLogger(silent);
    AWSXRay.setContextMissingStrategy('IGNORE_ERROR');
    AWSXRay.setDaemonAddress(collector.daemonAddress);

    annotated.addAnnotation('handle', 'andrewbrown');
    annotated.addAnnotation('test_run', RUN);
    withHttp(annotated, 'GET', 'http://localhost:4567/api/activities/home', 200);
    annotated.addNewSubsegment('postgres').close();
    annotated.close();

    streamed.flush();
    const child = streamed.addNewSubsegment('mock-data');
    child.addNewSubsegment('inner').close();
    child.close();
    await eventually(async () =>
      (await xray.send(new BatchGetTracesCommand({ TraceIds: [streamed.trace_id] }))).Traces?.length ? true : undefined,
    );
    child.streamSubsegments();
    streamed.removeSubsegment(child);
    streamed.close();

    const call = gateway.addNewSubsegment('notifications');
    call.namespace = 'remote';
    remoteCallId = call.id;
    new AWSXRay.Segment('notifications', gateway.trace_id, call.id).close();
    call.close();
    gateway.close();

    faulty.addAnnotation('test_run', RUN);
    withHttp(faulty, 'POST', 'http://localhost:4567/api/activities', 500);
    faulty.addFaultFlag();
    faulty.close();
  });

  afterAll(async () => {
    xray?.destroy();
    await collector?.stop();
  });

  it('keeps a segment sent over UDP with its annotations, HTTP block, subsegments and timing', async () => {
    const trace = await traceOnceComplete(annotated.trace_id, 1);
    const [doc] = documents(trace);
    expect(trace.Id).toBe(annotated.trace_id);
    expect(doc).toMatchObject({
      id: annotated.id,
      name: 'backend-flask',
      annotations: { handle: 'andrewbrown', test_run: RUN },
    });
    expect(doc.http).toEqual({
      request: { method: 'GET', url: 'http://localhost:4567/api/activities/home' },
      response: { status: 200 },
    });
    expect(doc.subsegments?.map((sub) => sub.name)).toEqual(['postgres']);
    expect(trace.Duration).toBeCloseTo((annotated.end_time ?? 0) - annotated.start_time, 3);
  });

  it('nests a subsegment streamed on its own back into its segment, replacing the in-progress copy', async () => {
    const [doc] = documents(
      await traceOnceComplete(streamed.trace_id, 1, ([segment]) => segment.subsegments?.length === 1),
    );
    expect(doc.in_progress).toBeUndefined();
    expect(doc.end_time).toBeGreaterThanOrEqual(doc.start_time);
    const [child] = doc.subsegments ?? [];
    expect(child).toMatchObject({ name: 'mock-data', subsegments: [expect.objectContaining({ name: 'inner' })] });
    expect(child.trace_id).toBeUndefined();
    expect(child.type).toBeUndefined();
  });

  it('joins the segments of two services in one trace, and draws both services and the edge between them', async () => {
    const docs = documents(await traceOnceComplete(gateway.trace_id, 2));
    const caller = docs.find((doc) => doc.name === 'gateway');
    const callee = docs.find((doc) => doc.name === 'notifications');
    expect(caller?.subsegments).toEqual([expect.objectContaining({ id: remoteCallId, namespace: 'remote' })]);
    expect(callee).toMatchObject({ parent_id: remoteCallId, trace_id: gateway.trace_id });

    const check = (services: Service[] | undefined): void => {
      const gatewayNode = services?.find((service) => service.Name === 'gateway' && service.Type !== 'client');
      const notificationsNode = services?.find((service) => service.Name === 'notifications');
      expect(gatewayNode?.Edges?.map((edge) => edge.ReferenceId)).toContain(notificationsNode?.ReferenceId);
      expect(notificationsNode?.SummaryStatistics?.TotalCount).toBe(1);
      const client = services?.find((service) => service.Name === 'gateway' && service.Type === 'client');
      expect(client?.Edges?.map((edge) => edge.ReferenceId)).toEqual([gatewayNode?.ReferenceId]);
    };
    check((await xray.send(new GetServiceGraphCommand(window()))).Services);
    check((await xray.send(new GetTraceGraphCommand({ TraceIds: [gateway.trace_id] }))).Services);
  });

  it('finds exactly the traces matching a filter expression', async () => {
    await traceOnceComplete(faulty.trace_id, 1);
    const ids = async (FilterExpression: string): Promise<string[]> =>
      ((await xray.send(new GetTraceSummariesCommand({ ...window(), FilterExpression }))).TraceSummaries ?? [])
        .map((s) => s.Id ?? '')
        .sort();

    expect(await ids(`annotation.handle = "andrewbrown" AND annotation.test_run = "${RUN}"`)).toEqual([
      annotated.trace_id,
    ]);
    expect(await ids(`annotation.test_run = "${RUN}"`)).toEqual([annotated.trace_id, faulty.trace_id].sort());
    expect(await ids('fault')).toEqual([faulty.trace_id]);
    expect(await ids('service("notifications")')).toEqual([gateway.trace_id]);

    const [summary] =
      (await xray.send(new GetTraceSummariesCommand({ ...window(), FilterExpression: 'fault' }))).TraceSummaries ?? [];
    expect(summary).toMatchObject({
      HasFault: true,
      HasError: false,
      IsPartial: false,
      Http: { HttpMethod: 'POST', HttpStatus: 500, HttpURL: 'http://localhost:4567/api/activities' },
      EntryPoint: { Name: 'backend-flask' },
      Annotations: { test_run: [{ AnnotationValue: { StringValue: RUN } }] },
    });
    expect(summary.StartTime).toBeInstanceOf(Date);
  });

  it('manages groups, and graphs only the traces of a group', async () => {
    const { Group } = await xray.send(
      new CreateGroupCommand({ GroupName: 'faults', FilterExpression: 'service("backend-flask") {fault OR error}' }),
    );
    expect(Group?.GroupARN).toMatch(/^arn:aws:xray:us-east-1:000000000000:group\/faults\/[A-Z0-9]+$/);
    expect((await xray.send(new GetGroupsCommand({}))).Groups?.map((group) => group.GroupName)).toEqual([
      'Default',
      'faults',
    ]);
    const graph = await xray.send(new GetServiceGraphCommand({ ...window(), GroupARN: Group?.GroupARN }));
    expect(graph.Services?.map((service) => `${service.Name}/${service.Type ?? ''}`).sort()).toEqual([
      'backend-flask/',
      'backend-flask/client',
    ]);

    await xray.send(new UpdateGroupCommand({ GroupName: 'faults', FilterExpression: 'service("nobody") { fault }' }));
    expect((await xray.send(new GetServiceGraphCommand({ ...window(), GroupName: 'faults' }))).Services).toEqual([]);
    await expect(
      xray.send(new CreateGroupCommand({ GroupName: 'broken', FilterExpression: 'fault OR' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining('Invalid FilterExpression at position 8'),
    });
    await expect(xray.send(new CreateGroupCommand({ GroupName: 'faults' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await xray.send(new DeleteGroupCommand({ GroupName: 'faults' }));
    await expect(xray.send(new GetGroupCommand({ GroupName: 'faults' }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(xray.send(new DeleteGroupCommand({ GroupName: 'Default' }))).rejects.toThrow(
      'The Default group cannot be deleted',
    );
  });

  it("manages sampling rules and answers sampling targets, through the API and the daemon's TCP proxy", async () => {
    const rule = {
      RuleName: 'Cruddur',
      ResourceARN: '*',
      Priority: 9000,
      FixedRate: 0.1,
      ReservoirSize: 5,
      ServiceName: 'backend-flask',
      ServiceType: '*',
      Host: '*',
      HTTPMethod: '*',
      URLPath: '*',
      Version: 1,
    };
    const created = await xray.send(new CreateSamplingRuleCommand({ SamplingRule: rule }));
    expect(created.SamplingRuleRecord?.SamplingRule).toMatchObject({
      ...rule,
      RuleARN: 'arn:aws:xray:us-east-1:000000000000:sampling-rule/Cruddur',
    });
    await expect(xray.send(new CreateSamplingRuleCommand({ SamplingRule: rule }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await expect(
      xray.send(new CreateSamplingRuleCommand({ SamplingRule: { ...rule, RuleName: 'TooMuch', FixedRate: 2 } })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining(
        "at 'SamplingRule.FixedRate' failed to satisfy constraint: Member must have value less than or equal to 1",
      ),
    });
    const rules = (await xray.send(new GetSamplingRulesCommand({}))).SamplingRuleRecords?.map(
      (record) => record.SamplingRule,
    );
    expect(rules?.map((r) => [r?.RuleName, r?.Priority, r?.FixedRate, r?.ReservoirSize])).toEqual([
      ['Cruddur', 9000, 0.1, 5],
      ['Default', 10000, 0.05, 1],
    ]);

    const ClientID = 'a1b2c3d4e5f6a1b2c3d4e5f6';
    const targets = await xray.send(
      new GetSamplingTargetsCommand({
        SamplingStatisticsDocuments: [
          { RuleName: 'Cruddur', ClientID, Timestamp: new Date(), RequestCount: 10, SampledCount: 2, BorrowCount: 0 },
          { RuleName: 'Nope', ClientID, Timestamp: new Date(), RequestCount: 1, SampledCount: 0 },
        ],
      }),
    );
    expect(targets.SamplingTargetDocuments).toEqual([
      expect.objectContaining({ RuleName: 'Cruddur', FixedRate: 0.1, ReservoirQuota: 5, Interval: 10 }),
    ]);
    expect(targets.SamplingTargetDocuments?.[0].ReservoirQuotaTTL?.getTime()).toBeGreaterThan(Date.now());
    expect(targets.UnprocessedStatistics).toEqual([expect.objectContaining({ RuleName: 'Nope' })]);

    // The proxy on the daemon port, as the X-Ray SDKs and OpenTelemetry's remote sampler call it.
    const proxy = `http://127.0.0.1:${collector.daemonPort}`;
    const viaProxy = await request<{
      SamplingTargetDocuments: Array<{ RuleName: string; ReservoirQuota: number }>;
      LastRuleModification: number;
    }>(`${proxy}/SamplingTargets`, {
      body: {
        SamplingStatisticsDocuments: [
          {
            RuleName: 'Cruddur',
            ClientID: 'f'.repeat(24),
            Timestamp: Date.now() / 1000,
            RequestCount: 3,
            SampledCount: 1,
          },
        ],
      },
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.body.SamplingTargetDocuments.map((doc) => [doc.RuleName, doc.ReservoirQuota])).toEqual([
      ['Cruddur', 2],
    ]);
    expect(typeof viaProxy.body.LastRuleModification).toBe('number');
    const rulesViaProxy = await request<{
      SamplingRuleRecords: Array<{ SamplingRule: { RuleName: string; Attributes: object } }>;
    }>(`${proxy}/GetSamplingRules`, { body: {} });
    expect(rulesViaProxy.body.SamplingRuleRecords.map((record) => record.SamplingRule)).toContainEqual(
      expect.objectContaining({ RuleName: 'Cruddur', Attributes: {} }),
    );
    const unknown = await request<{ message: string }>(`${proxy}/Nope`, { body: {} });
    expect(unknown.status).toBe(404);

    const updated = await xray.send(
      new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'Cruddur', FixedRate: 0.5 } }),
    );
    expect(updated.SamplingRuleRecord?.SamplingRule?.FixedRate).toBe(0.5);
    await expect(
      xray.send(new UpdateSamplingRuleCommand({ SamplingRuleUpdate: { RuleName: 'Default', ServiceName: 'x' } })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
    });
    await xray.send(new DeleteSamplingRuleCommand({ RuleName: 'Cruddur' }));
    expect(
      (await xray.send(new GetSamplingRulesCommand({}))).SamplingRuleRecords?.map((r) => r.SamplingRule?.RuleName),
    ).toEqual(['Default']);
  });

  it('keeps the good datagrams sent between malformed ones, counts each arrival, and logs the bad ones at most once a second', async () => {
    const datagrams = async () =>
      (await request<{ arrivals: { xrayDaemonDatagrams: number } }>(`${collector.url}/api/stats`)).body.arrivals
        .xrayDaemonDatagrams;
    const before = await datagrams();
    const socket = createSocket('udp4');
    const send = (text: string) =>
      new Promise<void>((resolve, reject) =>
        socket.send(Buffer.from(text), collector.daemonPort, '127.0.0.1', (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    const header = '{"format": "json", "version": 1}\n';
    const good = [new AWSXRay.Segment('good-one'), new AWSXRay.Segment('good-two')];
    const now = Date.now() / 1000;
    const body = (segment: AWSXRay.Segment) =>
      JSON.stringify({
        id: segment.id,
        name: segment.name,
        trace_id: segment.trace_id,
        start_time: now,
        end_time: now + 0.01,
      });
    try {
      await send(header + body(good[0]));
      await send('this is not json at all');
      await send(`{"format": "xml", "version": 1}\n${body(good[0])}`);
      await send(`${header}{"name": "no-id", "trace_id": "${good[0].trace_id}", "start_time": 1, "end_time": 2}`);
      await send(
        `${header}{"id": "0123456789abcdef", "name": 42, "trace_id": "${good[0].trace_id}", "start_time": "1", "end_time": 2}`,
      );
      await send(header + body(good[1]).slice(0, 40));
      await send(header + body(good[1]));
    } finally {
      socket.close();
    }
    for (const segment of good) await traceOnceComplete(segment.trace_id, 1);
    // Every datagram counts as received, the malformed ones too (a sender can be asked whether it sent any).
    await eventually(async () => ((await datagrams()) === before + 7 ? true : undefined));
    const warnings = collector.process.logs.split('\n').filter((line) => line.includes('rejected a'));
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThan(5);
    expect(collector.process.running).toBe(true);
  });

  it('answers malformed API requests with 400 InvalidRequestException saying what is wrong, and too large bodies with 413', async () => {
    const now = Date.now() / 1000;
    const goodDoc = JSON.stringify({
      id: '1111222233334444',
      name: 'put-api',
      trace_id: `1-${Math.floor(now).toString(16)}-${'ab'.repeat(12)}`,
      start_time: now,
      end_time: now + 1,
    });
    const badDoc = JSON.stringify({
      id: '5555666677778888',
      name: 'put-api',
      trace_id: 'nope',
      start_time: now,
      end_time: now + 1,
    });
    const put = await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [goodDoc, badDoc, '{not json'] }));
    expect(put.UnprocessedTraceSegments).toEqual([
      expect.objectContaining({
        Id: '5555666677778888',
        Message: expect.stringContaining('trace_id must be an X-Ray trace id'),
      }),
      expect.objectContaining({ Message: expect.stringContaining('not valid JSON') }),
    ]);
    expect(
      documents((await xray.send(new BatchGetTracesCommand({ TraceIds: [JSON.parse(goodDoc).trace_id] }))).Traces?.[0]),
    ).toHaveLength(1);

    await expect(
      xray.send(new GetTraceSummariesCommand({ StartTime: new Date(), EndTime: undefined as unknown as Date })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringContaining("Value null at 'EndTime'"),
    });
    await expect(
      xray.send(new GetTraceSummariesCommand({ ...window(), FilterExpression: 'responsetime > "slow"' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringMatching(/^Invalid FilterExpression at position 15 .*Expected number/),
    });
    const unknown = await xray.send(new BatchGetTracesCommand({ TraceIds: ['1-00000001-000000000000000000000001'] }));
    expect(unknown.UnprocessedTraceIds).toEqual(['1-00000001-000000000000000000000001']);

    const notJson = await request<{ message: string }>(`${collector.url}/TraceSummaries`, {
      rawBody: '{"StartTime": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(notJson.body.message).toMatch(/^Request body is not valid JSON/);
    const tooLarge = await request<{ message: string }>(`${collector.url}/TraceSegments`, {
      body: { TraceSegmentDocuments: ['x'.repeat(BODY_LIMIT)] },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toContain(`limit of ${BODY_LIMIT} bytes`);
  });

  it("serves the sampling rules to the X-Ray SDK's own centralized sampler client", async () => {
    // The SDK's connector reads the daemon address set above and validates each rule as it would from AWS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the daemon address is set
    const connector = require('aws-xray-sdk-core/dist/lib/middleware/sampling/service_connector') as {
      fetchSamplingRules(callback: (error: Error | null, rules?: Array<{ getName(): string }>) => void): void;
    };
    const names = await new Promise<string[]>((resolve, reject) =>
      connector.fetchSamplingRules((error, rules) =>
        error ? reject(error) : resolve((rules ?? []).map((rule) => rule.getName())),
      ),
    );
    expect(names).toEqual(['Default']);
  });
});
