import type { InputLogEvent, PutLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { createAppLogger } from './app-logger.factory';
import { MAX_EVENT_BYTES, eventBytes, eventSizeFormat } from './event-size.format';
import { guardPutLogEvents, type PutLogEventsApi, splitIntoBatches } from './put-log-events.guard';
import { captureStream, settle } from './testing/captured.stream';

const events = (count: number, message = 'x', at = 1_700_000_000_000): InputLogEvent[] =>
  Array.from({ length: count }, (_, i) => ({ message, timestamp: at + i }));

describe('CloudWatch shipping limits', () => {
  it('splits batches at 10,000 events, 1,048,576 bytes (26 per event) and 24 hours', () => {
    expect(splitIntoBatches(events(25_000)).map((batch) => batch.length)).toEqual([10_000, 10_000, 5_000]);
    // 100 KiB messages: 10 fit (10 × (102,400 + 26) = 1,024,260), the 11th would not.
    expect(splitIntoBatches(events(25, 'y'.repeat(102_400))).map((batch) => batch.length)).toEqual([10, 10, 5]);
    const day = 24 * 3600_000;
    expect(
      splitIntoBatches([...events(2), { message: 'late', timestamp: 1_700_000_000_000 + day + 1 }]).map(
        (b) => b.length,
      ),
    ).toEqual([2, 1]);
  });

  it('sends one transport call as several PutLogEvents, counting what was accepted; on failure keeps only the rest', () => {
    const calls: PutLogEventsCommandInput[] = [];
    let failOn = -1;
    const client: PutLogEventsApi = {
      putLogEvents(input, callback) {
        calls.push(input);
        if (calls.length - 1 === failOn) return callback(new Error('throttled'));
        callback(null, { nextSequenceToken: `token-${calls.length}`, $metadata: {} });
      },
    };
    let sent = 0;
    guardPutLogEvents(client, (n) => (sent += n));
    const done = jest.fn();
    client.putLogEvents({ logGroupName: 'g', logStreamName: 's', logEvents: events(12_345) }, done);
    expect(calls.map((call) => [call.logEvents?.length, call.sequenceToken])).toEqual([
      [10_000, undefined],
      [2_345, 'token-1'],
    ]);
    expect(sent).toBe(12_345);
    expect(done).toHaveBeenCalledWith(null, expect.objectContaining({ nextSequenceToken: 'token-2' }));

    failOn = 3; // the second call of the next upload
    const input = { logGroupName: 'g', logStreamName: 's', logEvents: events(15_000) };
    client.putLogEvents(input, done);
    expect(done).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'throttled' }), undefined);
    expect(input.logEvents).toHaveLength(5_000); // a retry does not send the first 10,000 again
    expect(sent).toBe(22_345);
  });

  it('keeps an oversized line valid JSON, under the transport’s own cut, still carrying its trace ids', () => {
    const huge = {
      level: 'info',
      message: 'é"'.repeat(200_000),
      trace_id: 'a'.repeat(32),
      span_id: 'b'.repeat(16),
      payload: 'z'.repeat(500_000),
    };
    const out = eventSizeFormat().transform({ ...huge }) as Record<string, unknown>;
    expect(eventBytes(out)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(out).toMatchObject({ level: 'info', trace_id: huge.trace_id, span_id: huge.span_id, truncated: true });
    expect(out.original_bytes).toBeGreaterThan(1_000_000);
    expect(out).not.toHaveProperty('payload');
    expect((out.message as string).length).toBeGreaterThan(50_000);
    const small = { level: 'info', message: 'fine' };
    expect(eventSizeFormat().transform({ ...small })).toEqual(small);
  });

  it('bounds the queue: beyond maxQueuedEvents new events are dropped, counted and reported once', async () => {
    const stream = captureStream();
    const app = createAppLogger({
      serviceName: 'gateway',
      serviceVersion: '1',
      environment: 'test',
      level: 'info',
      format: 'json',
      consoleStream: stream.stream,
      cloudwatch: {
        logGroupName: 'cruddur',
        logStreamName: 'gateway/spec',
        endpoint: 'http://127.0.0.1:9',
        region: 'us-east-1',
        credentials: { accessKeyId: 't', secretAccessKey: 't' },
        uploadIntervalMs: 60_000,
        maxQueuedEvents: 5,
      },
    });
    for (let i = 0; i < 12; i += 1) app.winston.info(`event ${i}`);
    await settle();
    expect(app.stats()).toEqual({ queued: 5, dropped: 7, sent: 0, failedBatches: 0 });
    const lines = stream.json();
    expect(lines.filter((line) => /^event \d+$/.test(line.message as string))).toHaveLength(12); // the console has them all
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings).toEqual([
      expect.objectContaining({
        context: 'Logging',
        message: expect.stringMatching(/queue full \(5 events\).*127\.0\.0\.1:9/),
      }),
    ]);
  });
});
