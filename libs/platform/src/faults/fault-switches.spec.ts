import { FaultSwitches } from './fault-switches';

/** A random source that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length];
};

describe('FaultSwitches', () => {
  it('draws nothing while every switch is off', () => {
    const switches = new FaultSwitches('activities');
    expect(switches.draw('http')).toEqual([]);
    expect(switches.draw('tcp-request')).toEqual([]);
  });

  it('draws latency within the spread, then errors by their rate, in the order they apply', () => {
    const switches = new FaultSwitches(
      'activities',
      { latencyMs: { min: 100, max: 200 }, cpuMs: { min: 5, max: 5 }, errorRate: 0.5, dropReplyRate: 0 },
      sequence(0, 0.999, 0.4, 0, 0.5, 0.6),
    );
    // cpu (a fixed 5, one draw all the same), latency: 100 + floor(0.999 * 101) = 200, error: 0.4 < 0.5
    expect(switches.draw('http')).toEqual([
      { kind: 'cpu', value: 5 },
      { kind: 'latency', value: 200 },
      { kind: 'error', value: 0.5 },
    ]);
    // cpu, latency: 100 + floor(0.5 * 101) = 150, error: 0.6 is not < 0.5
    expect(switches.draw('http')).toEqual([
      { kind: 'cpu', value: 5 },
      { kind: 'latency', value: 150 },
    ]);
    expect(switches.injectedCounts).toEqual({ cpu: 2, latency: 2, error: 1, drop_reply: 0 });
  });

  it('drops replies of TCP requests only: an HTTP call or an event has none', () => {
    const switches = new FaultSwitches('notifications', { errorRate: 0, dropReplyRate: 1 }, () => 0);
    expect(switches.draw('tcp-request')).toEqual([{ kind: 'drop_reply', value: 1 }]);
    expect(switches.draw('tcp-event')).toEqual([]);
    expect(switches.draw('http')).toEqual([]);
  });

  it('lays the schedule over what was configured, and falls back to it when the schedule clears', () => {
    const switches = new FaultSwitches('gateway', { errorRate: 0.1, dropReplyRate: 0 });
    switches.schedule({ latencyMs: { min: 300, max: 300 } });
    expect(switches.effective).toEqual({ errorRate: 0.1, dropReplyRate: 0, latencyMs: { min: 300, max: 300 } });
    switches.schedule({});
    expect(switches.effective).toEqual({ errorRate: 0.1, dropReplyRate: 0 });
  });
});
