import { flushWithin } from './flush-deadline';

describe('flushWithin', () => {
  it('runs the steps in order, each with the time left', async () => {
    const calls: Array<[string, number]> = [];
    await flushWithin(
      1000,
      [
        { what: 'a', run: async (left) => void calls.push(['a', left]) },
        { what: 'b', run: async (left) => void calls.push(['b', left]) },
      ],
      () => undefined,
    );
    expect(calls.map(([what]) => what)).toEqual(['a', 'b']);
    for (const [, left] of calls) expect(left).toBeGreaterThan(900);
  });

  it('gives up a step that never settles, within the budget, and still runs the next ones', async () => {
    const warnings: string[] = [];
    let logsFlushed = false;
    const started = Date.now();
    await flushWithin(
      150,
      [
        { what: 'spans and segments', run: () => new Promise<void>(() => undefined) },
        {
          what: 'log events',
          run: async () => {
            logsFlushed = true;
          },
        },
      ],
      (message) => warnings.push(message),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(warnings).toEqual(['shutdown: spans and segments not flushed within 150 ms; given up']);
    expect(logsFlushed).toBe(true);
  });

  it('reports a failing step instead of throwing', async () => {
    const warnings: string[] = [];
    await flushWithin(
      1000,
      [{ what: 'error reports', run: () => Promise.reject(new Error('ECONNREFUSED')) }],
      (message) => warnings.push(message),
    );
    expect(warnings).toEqual(['shutdown: error reports failed: ECONNREFUSED']);
  });
});
