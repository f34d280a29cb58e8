import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  type FilteredLogEvent,
  type CloudWatchLogsClient,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { PutTraceSegmentsCommand, type XRayClient } from '@aws-sdk/client-xray';
import { CollectorProcess } from '../support/collector';
import {
  awsClients,
  batchGetTraceIds,
  countersOf,
  datagram,
  decodeRpcStatus,
  nestedAnyValue,
  nestedJsonArrays,
  readEndpointStatuses,
  segmentText,
  sendDatagrams,
  stats,
  udpCounted,
} from '../support/hostile-input';
import { request } from '../support/http';
import { hex, newTraceId, otlpRequest } from '../support/otlp-json';
import { otlpProtobufRequest } from '../support/otlp-protobuf';
import { reportFigures } from '../support/reliability-figures';

const GROUP = 'cruddur';
const STREAM = 'flood';
const LIMIT_MESSAGE = /nests deeper than 64 levels/;
/** Field 1, length-delimited, with a length far past the end: no decoder can read it. */
const NOT_PROTOBUF = Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]);

/** Posts a body as is to the collector. */
const post = (collector: CollectorProcess, path: string, body: string | Uint8Array, headers: Record<string, string>) =>
  fetch(`${collector.url}${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : Buffer.from(body),
    signal: AbortSignal.timeout(15_000),
  });
const JSON_TYPE = { 'content-type': 'application/json' };
const PROTOBUF_TYPE = { 'content-type': 'application/x-protobuf' };
const LOGS_CALL = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutLogEvents' };
const ROLLBAR_CALL = { 'content-type': 'application/json', 'x-rollbar-access-token': 'local-token' };

/** One valid OTLP/JSON span of its own trace. */
const otlpJsonSpan = (traceId: string) =>
  JSON.stringify(
    otlpRequest(traceId, [
      { service: 'flood', spanId: hex(8), name: 'GET /ok', kind: 'SERVER', startMs: Date.now(), endMs: Date.now() + 5 },
    ]),
  );

/** An OTLP/JSON request whose one span carries an attribute nested `levels` deep. */
const otlpJsonDeep = (traceId: string, levels: number, kind: 'arrayValue' | 'kvlistValue') =>
  otlpJsonSpan(traceId).replace(
    '"attributes":[]',
    `"attributes":[{"key":"deep","value":${nestedAnyValue(levels, kind)}}]`,
  );

const protobufSpan = (traceId: string, nestedArrays = 0) =>
  otlpProtobufRequest([
    {
      service: 'flood',
      traceId,
      spanId: hex(8),
      name: 'GET /ok',
      startMs: Date.now(),
      endMs: Date.now() + 5,
      nestedArrays,
    },
  ]);

const rollbarItem = (traceId: string) =>
  JSON.stringify({ data: { level: 'error', body: { message: { body: 'flood' } }, custom: { trace_id: traceId } } });

async function allLogEvents(logs: CloudWatchLogsClient, filterPattern: string): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

async function createLogStream(logs: CloudWatchLogsClient): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }));
}

/** Every read endpoint answered 200 (the names of those that did not, with their status, otherwise). */
async function failingReads(collector: CollectorProcess, traceIds: string[]): Promise<Record<string, number>> {
  const statuses = await readEndpointStatuses(collector, traceIds, GROUP);
  return Object.fromEntries(Object.entries(statuses).filter(([, status]) => status !== 200));
}

/** One defect each: input nested too deep on one path is refused, and nothing else is harmed. */
describe('reliability (c): deeply nested input, path by path', () => {
  let collector: CollectorProcess;
  let xray: XRayClient;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    ({ xray, logs } = awsClients(collector));
    await createLogStream(logs);
  });
  afterAll(() => collector?.stop());

  it('refuses X-Ray segments nesting 3,229 and 25,000 levels over UDP, keeps their neighbours, stays up', async () => {
    const [before, good, poisonA, poisonB] = [newTraceId(), newTraceId(), newTraceId(), newTraceId()];
    const deep = (levels: number, traceId: string) =>
      datagram(segmentText(traceId, 'poison', nestedJsonArrays(levels)));
    const counted = countersOf(await stats(collector), 'xray_udp');
    await sendDatagrams(collector.daemonPort, [
      datagram(segmentText(before, 'neighbour')),
      deep(3_229, poisonA),
      deep(25_000, poisonB),
      datagram(segmentText(good, 'neighbour')),
    ]);
    const udp = await udpCounted(collector, counted.accepted + counted.rejected + 4);
    expect(udp.rejected - counted.rejected).toBe(2);
    expect(udp.accepted - counted.accepted).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the facts warmer runs 200 ms after a write
    expect(collector.process.running).toBe(true);
    expect(await failingReads(collector, [before, good])).toEqual({});
    expect((await fetch(`${collector.url}/api/traces/${poisonB}`)).status).toBe(404);
    expect(collector.process.logs).toMatch(/segment document refused: JSON nests deeper than 64 levels/);
  });

  it('PutTraceSegments lists a too-deep document as unprocessed, saying why, and keeps the others', async () => {
    const [good, poison] = [newTraceId(), newTraceId()];
    const answer = await xray.send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [segmentText(good, 'kept'), segmentText(poison, 'poison', nestedJsonArrays(3_229))],
      }),
    );
    expect(answer.UnprocessedTraceSegments).toEqual([
      expect.objectContaining({ ErrorCode: 'InvalidSegment', Message: expect.stringMatching(LIMIT_MESSAGE) }),
    ]);
    expect([...(await batchGetTraceIds(xray, [good, poison]))]).toEqual([good]);
    expect(await failingReads(collector, [good])).toEqual({});
  });

  it.each(['arrayValue', 'kvlistValue'] as const)(
    'OTLP/JSON with %s nested 3,000 deep is a 400 whose Status says the limit',
    async (kind) => {
      const response = await post(collector, '/v1/traces', otlpJsonDeep(newTraceId(), 3_000, kind), JSON_TYPE);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 3, message: expect.stringMatching(LIMIT_MESSAGE) });
      const good = newTraceId();
      expect((await post(collector, '/v1/traces', otlpJsonSpan(good), JSON_TYPE)).status).toBe(200);
      expect(await failingReads(collector, [good])).toEqual({});
    },
  );

  it('OTLP/protobuf with an AnyValue nested 3,000 deep is a 400 whose Status says the limit', async () => {
    const response = await post(collector, '/v1/traces', protobufSpan(newTraceId(), 3_000), PROTOBUF_TYPE);
    expect(response.status).toBe(400);
    const status = decodeRpcStatus(new Uint8Array(await response.arrayBuffer()));
    expect(status).toEqual({ code: 3, message: expect.stringMatching(/protobuf message nests deeper than 64 levels/) });
    const good = newTraceId();
    expect((await post(collector, '/v1/traces', protobufSpan(good, 3), PROTOBUF_TYPE)).status).toBe(200);
    expect(await failingReads(collector, [good])).toEqual({});
  });

  it('keeps a log event whose message is JSON nested 25,000 deep as text; FilterLogEvents answers for the others', async () => {
    const traceId = newTraceId();
    const marker = `deep${hex(4)}`;
    const poison = `{"trace_id":"${traceId}","marker":"${marker}","x":${nestedJsonArrays(25_000)}}`;
    const put = await logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: STREAM,
        logEvents: [
          { timestamp: Date.now(), message: poison },
          { timestamp: Date.now(), message: JSON.stringify({ level: 'info', trace_id: traceId, marker }) },
        ],
      }),
    );
    expect(put.rejectedLogEventsInfo).toBeUndefined();
    const byField = await allLogEvents(logs, `{ $.trace_id = "${traceId}" }`);
    expect(byField.map((event) => event.message)).toEqual([
      JSON.stringify({ level: 'info', trace_id: traceId, marker }),
    ]);
    const byTerm = await allLogEvents(logs, `"${marker}"`);
    expect(byTerm).toHaveLength(2);
    const search = await request<unknown[]>(`${collector.url}/api/logs/search?filterPattern=${marker}`);
    expect([search.status, search.body.length]).toEqual([200, 2]);
    expect(await failingReads(collector, [])).toEqual({});
  });
});

/** Scenario (c): garbage and valid data interleaved on every ingest path; every valid item is kept. */
describe('reliability (c): collector flood', () => {
  let collector: CollectorProcess;
  let xray: XRayClient;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start();
    ({ xray, logs } = awsClients(collector));
    await createLogStream(logs);
  });
  afterAll(() => collector?.stop());

  it('keeps every valid item, counts every bad one, and every read endpoint still answers', async () => {
    const started = performance.now();
    const xrayTraces: string[] = [];
    const otlpTraces: string[] = [];
    const sent: Record<string, number> = {};
    const garbage: Record<string, number> = {};
    const tally = (into: Record<string, number>, kind: string, n = 1) => (into[kind] = (into[kind] ?? 0) + n);

    // UDP: rounds of ten datagrams, each round counted before the next (UDP drops what a full socket cannot take).
    for (let round = 0; round < 60; round++) {
      const valid = Array.from({ length: 5 }, () => newTraceId());
      xrayTraces.push(...valid);
      await sendDatagrams(collector.daemonPort, [
        ...valid.slice(0, 2).map((traceId) => datagram(segmentText(traceId, 'udp'))),
        Buffer.from(hex(64), 'hex'),
        Buffer.from(`{"format":"xml","version":1}\n${segmentText(newTraceId(), 'bad header')}`),
        Buffer.from(segmentText(newTraceId(), 'no header')),
        datagram(`{"trace_id": "1-${hex(4)}`),
        datagram(segmentText(newTraceId(), 'deep', nestedJsonArrays(3_229))),
        datagram(`{"id":"${hex(8)}","name":"no trace id","start_time":${Date.now() / 1000}}`),
        ...valid.slice(2).map((traceId) => datagram(segmentText(traceId, 'udp'))),
      ]);
      await udpCounted(collector, (round + 1) * 11);
    }
    tally(sent, 'udp datagrams', 60 * 11);
    for (const kind of ['garbage bytes', 'bad header', 'no header', 'bad JSON', 'too deep', 'invalid segment'])
      tally(garbage, `udp ${kind}`, 60);

    // PutTraceSegments: good, unparsable, too deep and oversized documents together; bad bodies on their own.
    for (let round = 0; round < 20; round++) {
      const valid = [newTraceId(), newTraceId()];
      xrayTraces.push(...valid);
      const answer = await xray.send(
        new PutTraceSegmentsCommand({
          TraceSegmentDocuments: [
            segmentText(valid[0], 'api'),
            '{"not": json',
            segmentText(newTraceId(), 'deep', nestedJsonArrays(3_229)),
            segmentText(newTraceId(), 'big', `"${'x'.repeat(70_000)}"`),
            segmentText(valid[1], 'api'),
          ],
        }),
      );
      expect(answer.UnprocessedTraceSegments).toHaveLength(3);
      for (const body of [`{"TraceSegmentDocuments": ${nestedJsonArrays(5_000)}}`, '{"TraceSegmentDocuments": [']) {
        const response = await post(collector, '/TraceSegments', body, JSON_TYPE);
        expect(response.status).toBe(400);
      }
    }
    tally(sent, 'PutTraceSegments requests', 20 * 3);
    tally(garbage, 'PutTraceSegments bad documents', 20 * 3);
    tally(garbage, 'PutTraceSegments bad bodies', 20 * 2);

    // OTLP/HTTP: valid JSON and protobuf spans among garbage and too-deep bodies of both encodings.
    for (let round = 0; round < 40; round++) {
      const valid = [newTraceId(), newTraceId()];
      otlpTraces.push(...valid);
      const answers = [
        [await post(collector, '/v1/traces', otlpJsonSpan(valid[0]), JSON_TYPE), 200],
        [await post(collector, '/v1/traces', '{"resourceSpans": [', JSON_TYPE), 400],
        [await post(collector, '/v1/traces', otlpJsonDeep(newTraceId(), 3_000, 'arrayValue'), JSON_TYPE), 400],
        [await post(collector, '/v1/traces', NOT_PROTOBUF, PROTOBUF_TYPE), 400],
        [await post(collector, '/v1/traces', protobufSpan(newTraceId(), 3_000), PROTOBUF_TYPE), 400],
        [await post(collector, '/v1/traces', protobufSpan(valid[1]), PROTOBUF_TYPE), 200],
      ] as const;
      expect(answers.map(([response]) => response.status)).toEqual(answers.map(([, status]) => status));
    }
    tally(sent, 'OTLP requests', 40 * 6);
    for (const kind of ['bad JSON', 'too deep JSON', 'garbage protobuf', 'too deep protobuf'])
      tally(garbage, `OTLP ${kind}`, 40);

    // CloudWatch PutLogEvents: valid events (one of them a message of deep JSON), bad and too-deep bodies.
    for (let round = 0; round < 40; round++) {
      const traceId = otlpTraces[round];
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: STREAM,
          logEvents: [
            { timestamp: Date.now(), message: JSON.stringify({ level: 'info', trace_id: traceId, round }) },
            { timestamp: Date.now(), message: `{"level":"info","x":${nestedJsonArrays(5_000)}}` },
            { timestamp: Date.now(), message: `plain text of round ${round}` },
          ],
        }),
      );
      for (const body of ['{"logGroupName": ', `{"logGroupName": "${GROUP}", "x": ${nestedJsonArrays(5_000)}}`])
        expect((await post(collector, '/', body, LOGS_CALL)).status).toBe(400);
    }
    tally(sent, 'PutLogEvents requests', 40 * 3);
    tally(garbage, 'PutLogEvents bad JSON', 40);
    tally(garbage, 'PutLogEvents too deep', 40);

    // Rollbar items: valid, garbage, too deep, invalid.
    for (let round = 0; round < 40; round++) {
      expect((await post(collector, '/api/1/item/', rollbarItem(otlpTraces[round]), ROLLBAR_CALL)).status).toBe(200);
      expect((await post(collector, '/api/1/item/', `{"data": ${hex(8)}`, ROLLBAR_CALL)).status).toBe(400);
      const deep = `{"data":{"level":"error","body":{"message":{"body":"x"}},"custom":${nestedJsonArrays(5_000)}}}`;
      expect((await post(collector, '/api/1/item/', deep, ROLLBAR_CALL)).status).toBe(400);
      expect((await post(collector, '/api/1/item/', '{"data": {"body": {}}}', ROLLBAR_CALL)).status).toBe(422);
    }
    tally(sent, 'Rollbar requests', 40 * 4);
    for (const kind of ['bad JSON', 'too deep', 'invalid item']) tally(garbage, `Rollbar ${kind}`, 40);
    const floodMs = performance.now() - started;

    // Every valid item is kept, read back as users read it.
    const listed = await request<Array<{ traceId: string }>>(`${collector.url}/api/traces?limit=1000`);
    const listedIds = new Set(listed.body.map((item) => item.traceId));
    const keptTraces = [...xrayTraces, ...otlpTraces].filter((traceId) => listedIds.has(traceId));
    expect(keptTraces).toHaveLength(xrayTraces.length + otlpTraces.length);
    expect((await batchGetTraceIds(xray, xrayTraces)).size).toBe(xrayTraces.length);
    const logEvents = await allLogEvents(logs, '');
    expect(logEvents).toHaveLength(40 * 3);
    expect(await allLogEvents(logs, '{ $.round >= 0 }')).toHaveLength(40);
    const items = await request<unknown[]>(`${collector.url}/api/errors?limit=1000`);
    expect(items.body).toHaveLength(40);

    // Every bad item is counted as rejected, under the protocol that brought it, and nothing else is.
    const after = await stats(collector);
    const counts = Object.fromEntries(
      ['xray_udp', 'xray_api', 'otlp_traces', 'cloudwatch_logs', 'rollbar'].map((protocol) => [
        protocol,
        countersOf(after, protocol),
      ]),
    );
    expect(counts.xray_udp).toMatchObject({ accepted: 60 * 5, rejected: 60 * 6 });
    expect(counts.xray_api).toMatchObject({ accepted: 20 * 2, rejected: 20 * 3 + 20 * 2 });
    expect(counts.otlp_traces).toMatchObject({ accepted: 40 * 2, rejected: 40 * 4 });
    expect(counts.cloudwatch_logs).toMatchObject({ accepted: 40 * 3, rejected: 40 * 2 });
    expect(counts.rollbar).toMatchObject({ accepted: 40, rejected: 40 * 3 });
    expect(after.unreadableTraces).toBe(0);

    // Every read endpoint still answers, and the process is alive.
    const sample = [xrayTraces[0], xrayTraces.at(-1) ?? '', otlpTraces[0], otlpTraces.at(-1) ?? ''];
    const statuses = await readEndpointStatuses(collector, sample, GROUP);
    expect(Object.entries(statuses).filter(([, status]) => status !== 200)).toEqual([]);
    expect(collector.process.running).toBe(true);

    reportFigures('c-collector-flood', {
      sent: Object.values(sent).reduce((a, b) => a + b, 0),
      ...sent,
      'valid traces kept': `${keptTraces.length}/${xrayTraces.length + otlpTraces.length}`,
      'log events kept': `${logEvents.length}/${40 * 3}`,
      'Rollbar items kept': `${items.body.length}/40`,
      ...Object.fromEntries(Object.entries(garbage).map(([kind, n]) => [`refused: ${kind}`, n])),
      'rejected counted (udp/xray api/otlp/logs/rollbar)': Object.values(counts)
        .map((counters) => counters.rejected)
        .join('/'),
      'read endpoints checked (all 200)': Object.keys(statuses).length,
      'unreadable traces': after.unreadableTraces,
      'flood ms': Math.round(floodMs),
      'total ms': Math.round(performance.now() - started),
      'collector alive': collector.process.running,
    });
  }, 120_000);
});
