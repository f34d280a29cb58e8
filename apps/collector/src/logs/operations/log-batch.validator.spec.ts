import { protocolFailure } from '../../common/testing/protocol-failure';
import { checkLogBatch, readLogEvents } from './log-batch.validator';

const NOW = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe('PutLogEvents batch rules', () => {
  it('keeps a valid batch whole', () => {
    const events = [
      { timestamp: NOW - 1000, message: 'a' },
      { timestamp: NOW, message: 'b' },
    ];
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
    expect(
      protocolFailure(() =>
        checkLogBatch(
          [
            { timestamp: NOW, message: 'b' },
            { timestamp: NOW - 1, message: 'a' },
          ],
          NOW,
        ),
      ),
    ).toMatchObject({
      code: 'InvalidParameterException',
      message: expect.stringContaining('must be in chronological order: event 1'),
    });
    expect(
      protocolFailure(() =>
        checkLogBatch(
          [
            { timestamp: NOW - 2 * DAY, message: 'a' },
            { timestamp: NOW, message: 'b' },
          ],
          NOW,
        ),
      ).message,
    ).toBe('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    expect(
      protocolFailure(() =>
        checkLogBatch(
          Array.from({ length: 10_001 }, () => ({ timestamp: NOW, message: 'x' })),
          NOW,
        ),
      ).message,
    ).toContain('at most 10000 are allowed');
    // 1,048,576 bytes exactly is allowed: two messages of 524,262 bytes + 26 each.
    const half = 'x'.repeat(524_262);
    expect(
      checkLogBatch(
        [
          { timestamp: NOW, message: half },
          { timestamp: NOW, message: half },
        ],
        NOW,
      ).kept,
    ).toHaveLength(2);
    expect(
      protocolFailure(() =>
        checkLogBatch(
          [
            { timestamp: NOW, message: half },
            { timestamp: NOW, message: `${half}y` },
          ],
          NOW,
        ),
      ).message,
    ).toContain('The batch is 1048577 bytes');
    expect(
      protocolFailure(() => checkLogBatch([{ timestamp: NOW, message: 'x'.repeat(1_048_551) }], NOW)).message,
    ).toContain('Log event 0 is too large');
  });

  it('reads logEvents strictly: objects with an integer timestamp and a non-empty message', () => {
    expect(readLogEvents([{ timestamp: 1, message: 'm', extra: true }])).toEqual([{ timestamp: 1, message: 'm' }]);
    expect(protocolFailure(() => readLogEvents(['x']))).toMatchObject({ code: 'SerializationException' });
    expect(protocolFailure(() => readLogEvents([{ timestamp: '1', message: 'm' }]))).toMatchObject({
      code: 'SerializationException',
    });
    expect(protocolFailure(() => readLogEvents([{ timestamp: 1.5, message: 'm' }]))).toMatchObject({
      code: 'SerializationException',
    });
    expect(protocolFailure(() => readLogEvents([{ message: 'm' }]))).toMatchObject({
      code: 'InvalidParameterException',
      message:
        "1 validation error detected: Value null at 'logEvents.1.member.timestamp' failed to satisfy constraint: Member must not be null",
    });
    expect(protocolFailure(() => readLogEvents([{ timestamp: 1, message: '' }]))).toMatchObject({
      code: 'InvalidParameterException',
    });
  });
});
