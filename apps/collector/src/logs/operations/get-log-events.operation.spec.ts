import type { CollectorLimits } from '../../collector.config';
import { StatsService } from '../../common/stats.service';
import { LogStore } from '../store/log.store';
import { AwsInput } from './aws-input.reader';
import { getLogEvents } from './get-log-events.operation';

interface Page {
  events: Array<{ message: string }>;
  nextForwardToken: string;
  nextBackwardToken: string;
}

function setup(count: number) {
  const limits = { maxLogEvents: 1000, maxLogBytes: 1 << 20 } as CollectorLimits;
  const store = new LogStore(limits, new StatsService());
  const stream = store.createStream(store.createGroup('g', 1), 's', 1);
  store.append(
    stream,
    Array.from({ length: count }, (_, i) => ({ timestamp: 100 + i, message: `m${i}` })),
    1,
  );
  const get = (members: Record<string, unknown>) =>
    getLogEvents(store, AwsInput.of({ logGroupName: 'g', logStreamName: 's', ...members })) as Page;
  return { store, stream, get };
}

const messages = (page: Page) => page.events.map((event) => event.message);

describe('GetLogEvents', () => {
  it('returns the newest events by default, the oldest with startFromHead', () => {
    const { get } = setup(5);
    expect(messages(get({ limit: 2 }))).toEqual(['m3', 'm4']);
    expect(messages(get({ limit: 2, startFromHead: true }))).toEqual(['m0', 'm1']);
  });

  it('pages forward to the end, then gives the same forward token again', () => {
    const { get } = setup(5);
    const first = get({ limit: 2, startFromHead: true });
    const second = get({ limit: 2, nextToken: first.nextForwardToken });
    const third = get({ limit: 2, nextToken: second.nextForwardToken });
    const end = get({ limit: 2, nextToken: third.nextForwardToken });
    expect([first, second, third, end].map(messages)).toEqual([['m0', 'm1'], ['m2', 'm3'], ['m4'], []]);
    expect(end.nextForwardToken).toBe(third.nextForwardToken);
    // From the end, going back returns the last event again.
    expect(messages(get({ limit: 1, nextToken: end.nextBackwardToken }))).toEqual(['m4']);
  });

  it('pages backward to the start, then gives the same backward token again', () => {
    const { get } = setup(3);
    const newest = get({ limit: 2 });
    const older = get({ limit: 2, nextToken: newest.nextBackwardToken });
    const start = get({ limit: 2, nextToken: older.nextBackwardToken });
    expect([newest, older, start].map(messages)).toEqual([['m1', 'm2'], ['m0'], []]);
    expect(start.nextBackwardToken).toBe(older.nextBackwardToken);
    expect(messages(get({ nextToken: start.nextForwardToken }))).toEqual(['m0', 'm1', 'm2']);
  });

  it('sees events that arrive after the end was reached', () => {
    const { store, stream, get } = setup(1);
    const end = get({ startFromHead: true });
    store.append(stream, [{ timestamp: 500, message: 'later' }], 2);
    expect(messages(get({ nextToken: end.nextForwardToken }))).toEqual(['later']);
  });

  it('applies startTime inclusive and endTime exclusive', () => {
    const { get } = setup(5);
    expect(messages(get({ startTime: 101, endTime: 103, startFromHead: true }))).toEqual(['m1', 'm2']);
  });

  it('refuses tokens it did not make', () => {
    const { get } = setup(1);
    expect(() => get({ nextToken: 'f/123' })).toThrow('The specified nextToken is invalid.');
  });
});
