import type { Activity } from '@app/contracts';
import { ActivitiesStore } from './activities.store';

const HOUR_MS = 60 * 60 * 1000;

function activity(overrides: Partial<Activity>): Activity {
  const now = Date.now();
  return {
    uuid: `uuid-${Math.random()}`,
    handle: 'worf',
    display_name: 'Worf',
    message: 'Qapla!',
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + HOUR_MS).toISOString(),
    likes_count: 0,
    replies_count: 0,
    reposts_count: 0,
    replies: [],
    ...overrides,
  };
}

describe('ActivitiesStore', () => {
  afterEach(() => jest.useRealTimers());

  it('starts with the original seed, newest first', () => {
    const store = new ActivitiesStore({ storeMaxItems: 100 });
    expect(store.list().map((a) => a.message)).toEqual([
      'My dear doctor, I am just simple tailor',
      'Cloud is very fun!',
      'I am out of prune juice',
    ]);
    expect(store.stats()).toEqual({ items: 4, maxItems: 100, evicted: 0 });
  });

  it('stops listing an activity once it has expired', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const store = new ActivitiesStore({ storeMaxItems: 100 });
    const shortLived = activity({ expires_at: new Date(Date.now() + HOUR_MS).toISOString() });
    store.add(shortLived);
    expect(store.get(shortLived.uuid)).toBe(shortLived);
    jest.setSystemTime(Date.now() + HOUR_MS + 1);
    expect(store.get(shortLived.uuid)).toBeUndefined();
    expect(store.list().map((a) => a.uuid)).not.toContain(shortLived.uuid);
    // Garek's seeded post lives 12 hours from the start; it goes too.
    jest.setSystemTime(Date.now() + 12 * HOUR_MS);
    expect(store.list().map((a) => a.handle)).toEqual(['andrewbrown', 'worf']);
  });

  it('keeps the feed in creation order whatever the insertion order', () => {
    const store = new ActivitiesStore({ storeMaxItems: 100 });
    const older = activity({ created_at: new Date(Date.now() - 3 * HOUR_MS).toISOString(), message: 'older' });
    const newer = activity({ message: 'newer' });
    store.add(newer);
    store.add(older);
    expect(store.list().map((a) => a.message)).toEqual([
      'newer',
      'My dear doctor, I am just simple tailor',
      'older',
      'Cloud is very fun!',
      'I am out of prune juice',
    ]);
  });

  it('when full, evicts expired activities first, then the oldest, and counts them', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const store = new ActivitiesStore({ storeMaxItems: 5 }); // seed: 3 activities + 1 reply
    const expiring = activity({ message: 'expiring', expires_at: new Date(Date.now() + 1000).toISOString() });
    store.add(expiring);
    jest.setSystemTime(Date.now() + 2000);
    store.add(activity({ message: 'first' }));
    expect(store.stats()).toMatchObject({ items: 5, evicted: 1 });
    store.add(activity({ message: 'second' }));
    // The oldest listed activity is worf's seeded post.
    expect(store.list().map((a) => a.message)).toEqual([
      'second',
      'first',
      'My dear doctor, I am just simple tailor',
      'Cloud is very fun!',
    ]);
    expect(store.stats()).toEqual({ items: 5, maxItems: 5, evicted: 2 });
  });

  it('counts replies towards the limit and can take one back', () => {
    const store = new ActivitiesStore({ storeMaxItems: 100 });
    const target = store.list()[0];
    store.addReply(target, { ...activity({}), reply_to_activity_uuid: target.uuid, uuid: 'r1' });
    expect(target.replies_count).toBe(1);
    expect(store.stats().items).toBe(5);
    store.removeReply(target, 'r1');
    expect(target.replies).toEqual([]);
    expect(target.replies_count).toBe(0);
    expect(store.stats().items).toBe(4);
  });
});
