import { randomBytes } from 'node:crypto';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  type FilteredLogEvent,
  GetLogEventsCommand,
  paginateGetLogEvents,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import winston from 'winston';
import WinstonCloudWatch from 'winston-cloudwatch';
import { CollectorProcess } from './support/collector';
import { request } from './support/http';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const client = (collector: CollectorProcess) =>
  new CloudWatchLogsClient({ endpoint: collector.url, region: 'us-east-1', credentials });

/** A trace id in both forms, as the services log it. */
function newTraceId(): { traceId: string; xrayTraceId: string } {
  const traceId =
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(12).toString('hex');
  return { traceId, xrayTraceId: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}` };
}

/** A raw JSON 1.1 call, for input no SDK would send. */
function rawCall(
  collector: CollectorProcess,
  operation: string | undefined,
  body: string,
  contentType = 'application/x-amz-json-1.1',
) {
  return request<{ __type: string; message: string }>(`${collector.url}/`, {
    method: 'POST',
    rawBody: body,
    headers: { 'content-type': contentType, ...(operation ? { 'x-amz-target': `Logs_20140328.${operation}` } : {}) },
  });
}

describe('collector: CloudWatch Logs API', () => {
  let collector: CollectorProcess;
  let logs: CloudWatchLogsClient;
  const group = '/cruddur/e2e';
  const stream = 'gateway/instance-1';
  const traceA = newTraceId();
  const traceB = newTraceId();
  const started = Date.now();

  beforeAll(async () => {
    collector = await CollectorProcess.start({ COLLECTOR_BODY_LIMIT_BYTES: String(2 * 1024 * 1024) });
    logs = client(collector);
    // The real transport: it creates the group and stream itself, then puts the events.
    const transport = new WinstonCloudWatch({
      logGroupName: group,
      logStreamName: stream,
      jsonMessage: true,
      awsOptions: { endpoint: collector.url, region: 'us-east-1', credentials },
    });
    const logger = winston.createLogger({ transports: [transport] });
    // A few milliseconds apart: the transport sorts its queue by timestamp with an unstable comparator.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    logger.info('home feed served', { trace_id: traceA.traceId, xray_trace_id: traceA.xrayTraceId, duration_ms: 42 });
    await tick();
    logger.error('Payment FAILED for order 42', {
      trace_id: traceA.traceId,
      xray_trace_id: traceA.xrayTraceId,
      duration_ms: 250,
    });
    await tick();
    logger.warn('search succeeded slowly', {
      trace_id: traceB.traceId,
      xray_trace_id: traceB.xrayTraceId,
      duration_ms: 150,
    });
    await tick();
    logger.info('no trace here', { duration_ms: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve, reject) => transport.kthxbye((error) => (error ? reject(error) : resolve())));
    logger.close();
  });

  afterAll(async () => {
    logs?.destroy();
    await collector?.stop();
  });

  it('keeps what winston-cloudwatch sent: GetLogEvents returns every event with every field, in order', async () => {
    const answer = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }),
    );
    const events = answer.events ?? [];
    expect(events.map((event) => JSON.parse(event.message ?? '') as Record<string, unknown>)).toEqual([
      {
        level: 'info',
        message: 'home feed served',
        trace_id: traceA.traceId,
        xray_trace_id: traceA.xrayTraceId,
        duration_ms: 42,
      },
      {
        level: 'error',
        message: 'Payment FAILED for order 42',
        trace_id: traceA.traceId,
        xray_trace_id: traceA.xrayTraceId,
        duration_ms: 250,
      },
      {
        level: 'warn',
        message: 'search succeeded slowly',
        trace_id: traceB.traceId,
        xray_trace_id: traceB.xrayTraceId,
        duration_ms: 150,
      },
      { level: 'info', message: 'no trace here', duration_ms: 1 },
    ]);
    for (const event of events) {
      expect(event.timestamp).toBeGreaterThanOrEqual(started);
      expect(event.ingestionTime).toBeGreaterThanOrEqual(event.timestamp ?? Infinity);
      expect(event.ingestionTime).toBeLessThanOrEqual(Date.now());
    }
    expect(answer.nextForwardToken).toMatch(/^f\/\d{56}$/);
    expect(answer.nextBackwardToken).toMatch(/^b\/\d{56}$/);
  });

  it('pages GetLogEvents with forward tokens until the token repeats (the SDK paginator stops there)', async () => {
    const pages = [];
    // As on AWS, the end of a stream is the same forward token again: stopOnSameToken is how the SDK sees it.
    for await (const page of paginateGetLogEvents(
      { client: logs, pageSize: 3, stopOnSameToken: true },
      { logGroupName: group, logStreamName: stream, startFromHead: true },
    )) {
      pages.push(page.events?.map((event) => event.message) ?? []);
    }
    expect(pages.map((page) => page.length)).toEqual([3, 1, 0]);
    // Newest first without startFromHead: the last two events.
    const newest = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 2 }));
    expect(newest.events?.map((event) => JSON.parse(event.message ?? '{}').message)).toEqual([
      'search succeeded slowly',
      'no trace here',
    ]);
    const older = await logs.send(
      new GetLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        limit: 2,
        nextToken: newest.nextBackwardToken,
      }),
    );
    expect(older.events?.map((event) => JSON.parse(event.message ?? '{}').message)).toEqual([
      'home feed served',
      'Payment FAILED for order 42',
    ]);
  });

  it('describes the group and the stream the transport created', async () => {
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/cruddur/' }));
    expect(groups.logGroups).toEqual([
      expect.objectContaining({
        logGroupName: group,
        arn: `arn:aws:logs:us-east-1:000000000000:log-group:${group}:*`,
        storedBytes: expect.any(Number),
      }),
    ]);
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: group, orderBy: 'LastEventTime', descending: true }),
    );
    expect(streams.logStreams).toEqual([
      expect.objectContaining({
        logStreamName: stream,
        firstEventTimestamp: expect.any(Number),
        lastEventTimestamp: expect.any(Number),
        lastIngestionTime: expect.any(Number),
        storedBytes: groups.logGroups?.[0].storedBytes,
      }),
    ]);
  });

  it('filters by JSON pattern: { $.trace_id = "<id>" } returns exactly that trace’s events', async () => {
    const filter = (filterPattern: string) =>
      logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }));
    const byTrace = await filter(`{ $.trace_id = "${traceA.traceId}" }`);
    expect(byTrace.events?.map((event) => JSON.parse(event.message ?? '{}').message)).toEqual([
      'home feed served',
      'Payment FAILED for order 42',
    ]);
    for (const event of byTrace.events ?? []) {
      expect(event).toEqual({
        logStreamName: stream,
        timestamp: expect.any(Number),
        ingestionTime: expect.any(Number),
        message: expect.any(String),
        eventId: expect.stringMatching(/^\d{56}$/),
      } satisfies Record<keyof FilteredLogEvent, unknown>);
    }
    expect(byTrace.searchedLogStreams).toEqual([{ logStreamName: stream, searchedCompletely: true }]);
    expect((await filter(`{ $.xray_trace_id = "${traceB.xrayTraceId}" }`)).events).toHaveLength(1);
    expect(
      (await filter('{ $.duration_ms > 100 && $.level != "error" }')).events?.map(
        (e) => JSON.parse(e.message ?? '{}').message,
      ),
    ).toEqual(['search succeeded slowly']);
    expect((await filter('{ $.trace_id NOT EXISTS }')).events).toHaveLength(1);
    expect((await filter('{ $.message = "search*" || $.duration_ms = 42 }')).events).toHaveLength(2);
  });

  it('filters by terms and phrases (case-sensitive), any-of and exclusions', async () => {
    const messages = async (filterPattern: string) =>
      ((await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern }))).events ?? []).map(
        (event) => JSON.parse(event.message ?? '{}').message as string,
      );
    expect(await messages('FAILED')).toEqual(['Payment FAILED for order 42']);
    expect(await messages('failed')).toEqual([]);
    expect(await messages('"order 42"')).toEqual(['Payment FAILED for order 42']);
    expect(await messages('?FAILED ?succeeded')).toEqual(['Payment FAILED for order 42', 'search succeeded slowly']);
    expect(await messages(`${traceA.traceId} -FAILED`)).toEqual(['home feed served']);
    expect(await messages('')).toHaveLength(4);
  });

  it('pages FilterLogEvents with nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(
        new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'duration_ms', limit: 3, nextToken }),
      );
      seen.push(...(page.events ?? []).map((event) => event.eventId ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('answers AWS errors that the SDK raises by name, with a clear message', async () => {
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: 'nope', logStreamName: 'x' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: group }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
    });
    const now = Date.now();
    await expect(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: [
            { timestamp: now, message: 'b' },
            { timestamp: now - 5, message: 'a' },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('chronological order'),
    });
    await expect(
      logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: '{ $.duration_ms > }' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/^Invalid filter pattern at character 19: Expected number/),
    });
    await expect(
      logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 2 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('enum value set'),
    });
  });

  it('reports too old and too new events in rejectedLogEventsInfo and keeps the rest', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'ages' }));
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const answer = await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'ages',
        logEvents: [
          { timestamp: now - 20 * day, message: 'too old' },
          { timestamp: now - 1000, message: 'kept 1' },
          { timestamp: now, message: 'kept 2' },
          { timestamp: now + 3 * 60 * 60 * 1000, message: 'too new' },
        ],
      }),
    );
    expect(answer.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 3 });
    const kept = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: 'ages', startFromHead: true }),
    );
    expect(kept.events?.map((event) => event.message)).toEqual(['kept 1', 'kept 2']);
  });

  it('refuses batches over the AWS limits with a clear message', async () => {
    const now = Date.now();
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ timestamp: now, message: `m${i}` }));
    await expect(
      logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: tooMany })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'The batch has 10001 log events; at most 10000 are allowed.',
    });
    const big = 'x'.repeat(600_000);
    await expect(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: [
            { timestamp: now, message: big },
            { timestamp: now, message: big },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('at most 1048576 are allowed'),
    });
  });

  it('answers malformed calls with clear errors, keeps serving, and keeps valid data sent alongside', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'alongside' }));
    const bad = [
      rawCall(collector, 'PutLogEvents', '{"logGroupName": "g", "logStreamName": '),
      rawCall(collector, 'PutLogEvents', JSON.stringify({ logGroupName: 5, logStreamName: 's', logEvents: [] })),
      rawCall(
        collector,
        'PutLogEvents',
        JSON.stringify({
          logGroupName: group,
          logStreamName: 'alongside',
          logEvents: [{ timestamp: 'now', message: 'x' }],
        }),
      ),
      rawCall(collector, 'DescribeLogGroups', '{}', 'text/plain'),
      rawCall(collector, undefined, '{}'),
      rawCall(collector, 'DropTables', '{}'),
      rawCall(
        collector,
        'PutLogEvents',
        JSON.stringify({
          logGroupName: group,
          logStreamName: 'alongside',
          logEvents: [{ timestamp: Date.now(), message: 'x'.repeat(3 * 1024 * 1024) }],
        }),
      ),
    ];
    const good = logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'alongside',
        logEvents: [{ timestamp: Date.now(), message: 'valid line' }],
      }),
    );
    const answers = await Promise.all(bad);
    expect(
      answers.map((answer) => [answer.status, answer.body.__type, answer.headers.get('x-amzn-errortype')]),
    ).toEqual([
      [400, 'SerializationException', 'SerializationException'],
      [400, 'SerializationException', 'SerializationException'],
      [400, 'SerializationException', 'SerializationException'],
      [415, 'UnsupportedMediaTypeException', 'UnsupportedMediaTypeException'],
      [400, 'UnknownOperationException', 'UnknownOperationException'],
      [400, 'UnknownOperationException', 'UnknownOperationException'],
      [413, 'PayloadTooLarge', 'PayloadTooLarge'],
    ]);
    expect(answers[0].body.message).toMatch(/^The request body is not valid JSON/);
    expect(answers[1].body.message).toBe("'logGroupName' must be a string, got number");
    expect(answers[2].body.message).toContain("'logEvents.1.timestamp' must be an integer");
    expect(answers[3].body.message).toBe('Content-Type must be application/x-amz-json-1.1, got "text/plain"');
    expect(answers[4].body.message).toContain('Missing X-Amz-Target header');
    expect(answers[5].body.message).toContain('Operation DropTables is not supported');
    expect(answers[6].body.message).toBe('request body is larger than the limit of 2097152 bytes');
    await good;
    const kept = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'alongside' }));
    expect(kept.events?.map((event) => event.message)).toEqual(['valid line']);
    expect(collector.process.running).toBe(true);
  });
});

describe('collector: CloudWatch Logs store limits', () => {
  let collector: CollectorProcess;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    collector = await CollectorProcess.start({ COLLECTOR_MAX_LOG_EVENTS: '50' });
    logs = client(collector);
  });

  afterAll(async () => {
    logs?.destroy();
    await collector?.stop();
  });

  it('stays within COLLECTOR_MAX_LOG_EVENTS under a flood, evicting the oldest events', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'flood' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'flood', logStreamName: 'a' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'flood', logStreamName: 'b' }));
    const base = Date.now() - 60_000;
    for (let batch = 0; batch < 4; batch++) {
      const logEvents = Array.from({ length: 30 }, (_, i) => ({
        timestamp: base + batch * 30 + i,
        message: `event ${batch * 30 + i}`,
      }));
      await logs.send(
        new PutLogEventsCommand({ logGroupName: 'flood', logStreamName: batch % 2 === 0 ? 'a' : 'b', logEvents }),
      );
    }
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: 'flood' }));
    expect(all.events?.map((event) => event.message)).toEqual(Array.from({ length: 50 }, (_, i) => `event ${70 + i}`));
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'flood' }));
    // Stream a kept events 70..89 (batch 2); stream b kept 90..119 (batch 3): bytes are message + 26 each.
    const bytes = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `event ${from + i}`.length + 26).reduce((a, b) => a + b, 0);
    expect(streams.logStreams?.map((s) => [s.logStreamName, s.storedBytes])).toEqual([
      ['a', bytes(70, 89)],
      ['b', bytes(90, 119)],
    ]);
  });
});
