import { shutdownBudget } from './shutdown-budget';

describe('shutdownBudget', () => {
  it('leaves the flush its share and a margin, whatever the drain takes', () => {
    expect(shutdownBudget(8000)).toEqual({ drainMs: 4500, flushMs: 3000 });
    expect(shutdownBudget(30_000)).toEqual({ drainMs: 26_500, flushMs: 3000 });
    // A short timeout is split in proportion: 40 % flush, 10 % margin.
    expect(shutdownBudget(2000)).toEqual({ drainMs: 1000, flushMs: 800 });
    expect(shutdownBudget(1)).toEqual({ drainMs: 1, flushMs: 0 });
  });
});
