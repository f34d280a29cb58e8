import type { InputLogEvent, PutLogEventsCommandInput } from '@aws-sdk/client-cloudwatch-logs';
import { MAX_EVENT_BYTES, eventBytes, eventSizeFormat } from './event-size.format';
import { guardPutLogEvents, type PutLogEventsApi, splitIntoBatches } from './put-log-events.guard';

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

  it('sends one transport call as several PutLogEvents, counting what was accepted; on failure hands back only the rest', () => {
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
    const undelivered: InputLogEvent[][] = [];
    guardPutLogEvents(client, {
      sent: (n) => (sent += n),
      undelivered: (rest) => undelivered.push(rest),
      refused: () => undefined,
    });
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
    // Handed back to the queue: the last 5,000, not the 10,000 delivered.
    expect(undelivered.map((rest) => [rest.length, rest[0].timestamp])).toEqual([[5_000, 1_700_000_010_000]]);
    expect(sent).toBe(22_345);
    // The transport's back-to-back retries of the same call send nothing and get the same error.
    client.putLogEvents(input, done);
    expect(calls).toHaveLength(4);
    expect(done).toHaveBeenLastCalledWith(expect.objectContaining({ message: 'throttled' }));
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
});
