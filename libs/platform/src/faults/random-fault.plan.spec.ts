import { PlanTiming, randomFaultPlan } from './random-fault.plan';

const take = <T>(iterator: Iterator<T>, count: number): T[] =>
  Array.from({ length: count }, () => iterator.next().value as T);

describe('randomFaultPlan', () => {
  it('is the same for the same seed and service, and differs with either', () => {
    const plan = take(randomFaultPlan(42, 'activities', { tcpReplies: true }), 20);
    expect(take(randomFaultPlan(42, 'activities', { tcpReplies: true }), 20)).toEqual(plan);
    expect(take(randomFaultPlan(43, 'activities', { tcpReplies: true }), 20)).not.toEqual(plan);
    expect(take(randomFaultPlan(42, 'notifications', { tcpReplies: true }), 20)).not.toEqual(plan);
  });

  it('keeps every period within its bounds and one fault on at a time, with usable values', () => {
    const kinds = new Set<string>();
    for (const step of take(randomFaultPlan(7, 'notifications', { tcpReplies: true }), 200)) {
      expect(step.quietMs).toBeGreaterThanOrEqual(PlanTiming.quiet.min);
      expect(step.quietMs).toBeLessThanOrEqual(PlanTiming.quiet.max);
      expect(step.activeMs).toBeGreaterThanOrEqual(PlanTiming.active.min);
      expect(step.activeMs).toBeLessThanOrEqual(PlanTiming.active.max);
      const keys = Object.keys(step.settings);
      expect(keys).toHaveLength(1);
      kinds.add(keys[0]);
      const { latencyMs, cpuMs, errorRate, dropReplyRate } = step.settings;
      for (const spread of [latencyMs, cpuMs]) if (spread) expect(spread.min).toBeLessThanOrEqual(spread.max);
      for (const rate of [errorRate, dropReplyRate]) if (rate !== undefined) expect(rate > 0 && rate <= 1).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['cpuMs', 'dropReplyRate', 'errorRate', 'latencyMs']);
  });

  it('never plans dropped replies for a service without TCP requests', () => {
    const steps = take(randomFaultPlan(7, 'gateway', { tcpReplies: false }), 200);
    expect(steps.some((step) => 'dropReplyRate' in step.settings)).toBe(false);
  });
});
