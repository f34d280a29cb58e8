import type { CollectorLimits } from '../../collector.config';
import { ProtocolError } from '../../common/protocol.error';
import { StatsService } from '../../common/stats.service';
import { CLOUDWATCH_LOGS } from '../logs.constants';
import { LogStore } from './log.store';

const limits = (overrides: Partial<CollectorLimits>): CollectorLimits => ({
  maxTraces: 10,
  maxTraceBytes: 1 << 20,
  maxLogEvents: 1000,
  maxLogBytes: 1 << 20,
  maxErrorItems: 10,
  bodyLimitBytes: 1 << 20,
  ...overrides,
});

const TRACE = '5759e988bd862e3fe1be46a994272793';
const XRAY = '1-5759e988-bd862e3fe1be46a994272793';

function setup(overrides: Partial<CollectorLimits> = {}) {
  const stats = new StatsService();
  const store = new LogStore(limits(overrides), stats);
  const group = store.createGroup('g', 1);
  const stream = store.createStream(group, 's', 1);
  return { stats, store, group, stream };
}

const events = (from: number, count: number, message = (i: number) => `event ${i}`) =>
  Array.from({ length: count }, (_, i) => ({ timestamp: 1000 + from + i, message: message(from + i) }));

describe('LogStore', () => {
  it('keeps events per stream in timestamp order, whatever order batches arrive in', () => {
    const { store, stream } = setup();
    store.append(stream, [{ timestamp: 30, message: 'c' }], 100);
    store.append(
      stream,
      [
        { timestamp: 10, message: 'a' },
        { timestamp: 20, message: 'b' },
      ],
      101,
    );
    store.append(stream, [{ timestamp: 20, message: 'b2' }], 102);
    expect(stream.all().map((event) => event.message)).toEqual(['a', 'b', 'b2', 'c']);
    expect(stream.between({ startTime: 20, endTime: 30 }).map((event) => event.message)).toEqual(['b', 'b2']);
    expect([stream.firstEventTimestamp, stream.lastEventTimestamp, stream.lastIngestionTime]).toEqual([10, 30, 102]);
  });

  it('evicts the oldest arrivals beyond maxLogEvents, and counts them', () => {
    const { store, stream, stats } = setup({ maxLogEvents: 50 });
    for (let batch = 0; batch < 4; batch++) store.append(stream, events(batch * 30, 30), 5);
    expect(stream.all().map((event) => event.message)).toEqual(events(70, 50).map((event) => event.message));
    expect(store.storeStats()).toMatchObject({ events: 50, maxEvents: 50, evicted: 70, groups: 1, streams: 1 });
    expect(stats.snapshot().cloudwatch_logs).toEqual({ accepted: 120, rejected: 0, evicted: 70 });
  });

  it('evicts beyond maxLogBytes, counting message bytes (UTF-8) plus 26 per event', () => {
    const message = 'é'.repeat(37); // 74 bytes in UTF-8: 100 with the overhead
    const { store, stream } = setup({ maxLogBytes: 1000 });
    store.append(
      stream,
      events(0, 25, () => message),
      5,
    );
    expect(store.storeStats()).toMatchObject({ events: 10, bytes: 1000, evicted: 15 });
    expect(stream.storedBytes).toBe(1000);
  });

  it('evicts across streams by arrival, whatever the timestamps', () => {
    const { store, group, stream } = setup({ maxLogEvents: 3 });
    const other = store.createStream(group, 'other', 1);
    store.append(stream, [{ timestamp: 5000, message: 'first to arrive' }], 1);
    store.append(other, events(0, 3), 2);
    expect(stream.all()).toEqual([]);
    expect(other.size).toBe(3);
  });

  it('finds a trace’s events by JSON fields or by text, in either form, oldest first', () => {
    const { store, stream } = setup();
    store.append(
      stream,
      [
        { timestamp: 1, message: JSON.stringify({ trace_id: TRACE.toUpperCase(), msg: 'json, canonical form' }) },
        { timestamp: 2, message: JSON.stringify({ xray_trace_id: XRAY, msg: 'json, X-Ray form' }) },
        { timestamp: 3, message: `text with ${XRAY} inside` },
        { timestamp: 4, message: 'unrelated' },
      ],
      10,
    );
    store.append(stream, [{ timestamp: 0, message: `late but older: ${TRACE}` }], 11);
    for (const id of [TRACE, XRAY]) {
      expect(store.findByTraceId(id).map((view) => view.timestamp)).toEqual([0, 1, 2, 3]);
    }
    expect(store.findByTraceId(TRACE)[0]).toEqual({
      logGroupName: 'g',
      logStreamName: 's',
      eventId: expect.stringMatching(/^\d{56}$/),
      timestamp: 0,
      ingestionTime: 11,
      message: `late but older: ${TRACE}`,
    });
    expect(store.findByTraceId('not a trace id')).toEqual([]);
  });

  it('refuses duplicates and unknown names with AWS errors', () => {
    const { store, group } = setup();
    const code = (act: () => unknown) => {
      try {
        act();
      } catch (error) {
        return (error as ProtocolError).code;
      }
      return 'no error';
    };
    expect(code(() => store.createGroup('g', 1))).toBe('ResourceAlreadyExistsException');
    expect(code(() => store.createStream(group, 's', 1))).toBe('ResourceAlreadyExistsException');
    expect(code(() => store.group('nope'))).toBe('ResourceNotFoundException');
    expect(code(() => store.stream(group, 'nope'))).toBe('ResourceNotFoundException');
  });

  it('bounds the number of groups', () => {
    const { store } = setup();
    for (let i = 1; i < CLOUDWATCH_LOGS.maxLogGroups; i++) store.createGroup(`g${i}`, 1);
    expect(() => store.createGroup('one-too-many', 1)).toThrow(`at most ${CLOUDWATCH_LOGS.maxLogGroups} log groups`);
  });

  it('forgets a deleted group’s events without counting them as evicted', () => {
    const { store, stream } = setup();
    store.append(stream, events(0, 5), 1);
    store.deleteGroup('g');
    expect(store.storeStats()).toMatchObject({ events: 0, bytes: 0, evicted: 0, groups: 0, streams: 0 });
  });
});
