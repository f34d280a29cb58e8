import { RuleReservoir } from './rule-reservoir';

const T = 1_800_000_000;
const takeMany = (reservoir: RuleReservoir, now: number, times: number) =>
  Array.from({ length: times }, () => reservoir.take(now));

describe('RuleReservoir', () => {
  it('gives a local rule its size each second', () => {
    const reservoir = RuleReservoir.fixed(2);
    expect(takeMany(reservoir, T + 0.1, 3)).toEqual(['take', 'take', undefined]);
    expect(takeMany(reservoir, T + 0.9, 1)).toEqual([undefined]);
    expect(takeMany(reservoir, T + 1.0, 3)).toEqual(['take', 'take', undefined]);
  });

  it('lets a centralized rule borrow one a second until X-Ray grants a quota, then holds to the quota until its TTL', () => {
    const reservoir = RuleReservoir.centralized(5);
    expect(takeMany(reservoir, T, 2)).toEqual(['borrow', undefined]);
    reservoir.loadQuota(3, T + 10);
    expect(takeMany(reservoir, T + 1, 4)).toEqual(['take', 'take', 'take', undefined]);
    expect(takeMany(reservoir, T + 10.5, 2)).toEqual(['borrow', undefined]); // quota expired
  });

  it('honours a quota of 0 (X-Ray sharing a small reservoir among many clients)', () => {
    const reservoir = RuleReservoir.centralized(5);
    reservoir.loadQuota(3, T + 10);
    reservoir.loadQuota(0, T + 20);
    expect(takeMany(reservoir, T + 1, 1)).toEqual([undefined]);
  });

  it('never borrows for a centralized rule without a reservoir', () => {
    expect(takeMany(RuleReservoir.centralized(0), T, 1)).toEqual([undefined]);
  });
});
