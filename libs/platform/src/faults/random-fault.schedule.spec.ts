import { FaultSwitches } from './fault-switches';
import type { PlannedFault } from './random-fault.plan';
import { RandomFaultSchedule } from './random-fault.schedule';

function* twoSteps(): Generator<PlannedFault, never, undefined> {
  yield { quietMs: 1000, settings: { errorRate: 0.5 }, activeMs: 2000 };
  for (;;) yield { quietMs: 3000, settings: { latencyMs: { min: 100, max: 100 } }, activeMs: 4000 };
}

describe('RandomFaultSchedule', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('turns each planned fault on after its quiet period and off after its active one, logging each change', () => {
    const switches = new FaultSwitches('activities', { errorRate: 0, dropReplyRate: 0 });
    const lines: string[] = [];
    const schedule = new RandomFaultSchedule(switches, 42, twoSteps(), (line) => lines.push(line));
    schedule.start();
    expect(lines).toEqual(['fault schedule: random, seed 42 (FAULTS_SEED=42 replays it)']);
    expect(schedule.status).toEqual({
      mode: 'random',
      seed: 42,
      current: {},
      nextChangeAt: new Date(1000).toISOString(),
    });

    jest.advanceTimersByTime(999);
    expect(switches.effective.errorRate).toBe(0);
    jest.advanceTimersByTime(1);
    expect(switches.effective.errorRate).toBe(0.5);
    expect(lines[1]).toBe('fault schedule: error rate 0.5 for 2 s (seed 42)');

    jest.advanceTimersByTime(2000);
    expect(switches.effective.errorRate).toBe(0);
    expect(lines[2]).toBe('fault schedule: back to none (seed 42)');

    jest.advanceTimersByTime(3000);
    expect(switches.effective.latencyMs).toEqual({ min: 100, max: 100 });
    schedule.stop();
    jest.advanceTimersByTime(60_000);
    expect(switches.effective.latencyMs).toEqual({ min: 100, max: 100 });
    expect(lines).toHaveLength(4);
  });
});
