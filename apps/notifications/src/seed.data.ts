import type { Notification } from '@app/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The activity of the activities service's seed that the seeded notification concerns ("Cloud is very fun!"). */
export const SEED_ACTIVITY_UUID = '68f126b0-1ceb-4a33-88be-d90fa7109eee';

/** The original app's mock notification: coco to andrewbrown, "I am white unicorn". */
export function seedNotifications(now: number): Notification[] {
  return [
    {
      uuid: '1c5b1b1e-6a4f-4c1e-9a77-2f0f5c0a9b01',
      handle: 'andrewbrown',
      kind: 'mention',
      from_handle: 'coco',
      message: 'I am white unicorn',
      activity_uuid: SEED_ACTIVITY_UUID,
      created_at: new Date(now - 2 * DAY_MS).toISOString(),
    },
  ];
}
