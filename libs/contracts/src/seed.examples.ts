/**
 * Values of the original app's seed data (activities' and notifications' seed.data.ts), used as
 * the examples of the OpenAPI document, so that an example pasted into a request finds something.
 */
export const SeedExample = {
  activityUuid: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
  replyUuid: '26e12864-1c26-5c3a-9658-97a10f8fea67',
  notificationUuid: '1c5b1b1e-6a4f-4c1e-9a77-2f0f5c0a9b01',
  handle: 'andrewbrown',
  displayName: 'Andrew Brown',
  message: 'Cloud is very fun!',
  replyHandle: 'worf',
  replyMessage: 'This post has no honor!',
  notificationFrom: 'coco',
  notificationMessage: 'I am white unicorn',
  createdAt: '2026-05-01T12:00:00.000Z',
  expiresAt: '2026-05-08T12:00:00.000Z',
} as const;
