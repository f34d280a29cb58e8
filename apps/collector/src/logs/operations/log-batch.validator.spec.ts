import { ProtocolError } from '../../common/protocol.error';
import { checkLogBatch, readLogEvents } from './log-batch.validator';

const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function failure(act: () => unknown): { code: string; message: string } {
  try {
    act();
  } catch (error) {
    return { code: (error as ProtocolError).code, message: (error as ProtocolError).message };
  }
  throw new Error('expected an error');
}

describe('PutLogEvents batch rules', () => {
  it('keeps a valid batch whole', () => {
    const events = [{ timestamp: NOW - 1000, message: 'a' }, { timestamp: NOW, message: 'b' }];
    expect(checkLogBatch(events, NOW)).toEqual({ kept: events, rejectedCount: 0 });
  });

  it('reports too old, expired and too new events as AWS does, and keeps the rest', () => {
    const events = [
      { timestamp: NOW - 20 * DAY, message: 'too old' },
      { timestamp: NOW - 5 * DAY, message: 'older than the 3-day retention' },
      { timestamp: NOW - HOUR, message: 'kept' },
      { timestamp: NOW + 3 * HOUR, message: 'too new' },
    ];
    expect(checkLogBatch(events, NOW, 3)).toEqual({
      kept: [events[2]],
      rejected: { tooOldLogEventEndIndex: 1, expiredLogEventEndIndex: 2, tooNewLogEventStartIndex: 3 },
      rejectedCount: 3,
    });
  });

  it('refuses unsorted batches, batches spanning more than 24 hours, and oversized ones', () => {
    expect(failure(() => checkLogBatch([{ timestamp: NOW, message: 'b' }, { timestamp: NOW - 1, message: 'a' }], NOW))).toEqual({
      code: 'InvalidParameterException',
      message: expect.stringContaining('must be in chronological order: event 1'),
    });
    expect(failure(() => checkLogBatch([{ timestamp: NOW - 2 * DAY, message: 'a' }, { timestamp: NOW, message: 'b' }], NOW)).message).toBe(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
    expect(failure(() => checkLogBatch(Array.from({ length: 10_001 }, () => ({ timestamp: NOW, message: 'x' })), NOW)).message).toContain(
      'at most 10000 are allowed',
    );
    // 1,048,576 bytes exactly is allowed: two messages of 524,262 bytes + 26 each.
    const half = 'x'.repeat(524_262);
    expect(checkLogBatch([{ timestamp: NOW, message: half }, { timestamp: NOW, message: half }], NOW).kept).toHaveLength(2);
    expect(failure(() => checkLogBatch([{ timestamp: NOW, message: half }, { timestamp: NOW, message: `${half}y` }], NOW)).message).toContain(
      'The batch is 1048577 bytes',
    );
    expect(failure(() => checkLogBatch([{ timestamp: NOW, message: 'x'.repeat(1_048_551) }], NOW)).message).toContain('Log event 0 is too large');
  });

  it('reads logEvents strictly: objects with an integer timestamp and a non-empty message', () => {
    expect(readLogEvents([{ timestamp: 1, message: 'm', extra: true }])).toEqual([{ timestamp: 1, message: 'm' }]);
    expect(failure(() => readLogEvents(['x']))).toMatchObject({ code: 'SerializationException' });
    expect(failure(() => readLogEvents([{ timestamp: '1', message: 'm' }]))).toMatchObject({ code: 'SerializationException' });
    expect(failure(() => readLogEvents([{ timestamp: 1.5, message: 'm' }]))).toMatchObject({ code: 'SerializationException' });
    expect(failure(() => readLogEvents([{ message: 'm' }]))).toEqual({
      code: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'logEvents.1.member.timestamp' failed to satisfy constraint: Member must not be null",
    });
    expect(failure(() => readLogEvents([{ timestamp: 1, message: '' }]))).toMatchObject({ code: 'InvalidParameterException' });
  });
});
