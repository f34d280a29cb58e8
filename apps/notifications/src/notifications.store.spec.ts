import type { Notification } from '@app/contracts';
import { NotificationsStore } from './notifications.store';

const note = (uuid: string, handle = 'worf'): Notification => ({
  uuid,
  handle,
  kind: 'mention',
  from_handle: 'garek',
  message: uuid,
  activity_uuid: '66e12864-8c26-4c3a-9658-95a10f8fea67',
  created_at: new Date().toISOString(),
});

describe('NotificationsStore', () => {
  it("starts with coco's notification for andrewbrown", () => {
    const store = new NotificationsStore({ storeMaxItems: 10 });
    expect(store.forHandle('AndrewBrown').map((n) => [n.from_handle, n.message])).toEqual([
      ['coco', 'I am white unicorn'],
    ]);
  });

  it("lists a user's notifications newest first", () => {
    const store = new NotificationsStore({ storeMaxItems: 10 });
    store.add(note('a'));
    store.add(note('b', 'garek'));
    store.add(note('c'));
    expect(store.forHandle('worf').map((n) => n.uuid)).toEqual(['c', 'a']);
  });

  it('when full, drops the oldest and counts it', () => {
    const store = new NotificationsStore({ storeMaxItems: 2 });
    store.add(note('a'));
    store.add(note('b'));
    expect(store.forHandle('andrewbrown')).toEqual([]);
    expect(store.forHandle('worf').map((n) => n.uuid)).toEqual(['b', 'a']);
    expect(store.stats()).toEqual({ items: 2, maxItems: 2, evicted: 1 });
  });
});
