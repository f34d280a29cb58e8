import { RateLimitStore } from './rate-limit.store';

const MINUTE = 60_000;

function storeWith(maxClients: number) {
  let clock = 1_000_000;
  const warnings: string[] = [];
  const store = new RateLimitStore({ maxClients, warn: (line) => warnings.push(line), now: () => clock });
  const hit = (key: string, limit = 3) => store.increment(key, MINUTE, limit);
  return { store, hit, warnings, advance: (ms: number) => (clock += ms) };
}

describe('RateLimitStore', () => {
  it('lets `limit` requests through in a client window, then blocks until the window ends', async () => {
    const { hit, advance } = storeWith(10);
    expect(await hit('a')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    advance(20_500);
    expect(await hit('a')).toMatchObject({ totalHits: 2, timeToExpire: 40, isBlocked: false });
    expect(await hit('a')).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(await hit('a')).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    expect(await hit('b')).toMatchObject({ totalHits: 1, isBlocked: false });
    advance(39_500);
    expect(await hit('a')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('forgets ended windows without counting them as dropped', async () => {
    const { store, hit, advance, warnings } = storeWith(2);
    await hit('a');
    await hit('b');
    advance(MINUTE);
    await hit('c');
    expect(store.stats()).toEqual({ clients: 1, maxClients: 2, evicted: 0 });
    expect(warnings).toEqual([]);
  });

  it('when full, drops the window closest to its end, counts it and says so once a minute', async () => {
    const { store, hit, advance, warnings } = storeWith(2);
    await hit('a', 1);
    expect(await hit('a', 1)).toMatchObject({ isBlocked: true });
    advance(1000);
    await hit('b');
    await hit('c');
    await hit('d');
    expect(store.stats()).toEqual({ clients: 2, maxClients: 2, evicted: 2 });
    expect(warnings).toEqual([
      'rate limit store full (2 clients): dropped the window closest to its end, 1 in all; those clients start afresh',
    ]);
    // The dropped client starts afresh: the price of the bound.
    expect(await hit('a', 1)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(store.stats()).toMatchObject({ clients: 2, evicted: 3 });
  });
});
