import type { Activity, User } from '@app/contracts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The users of the original app's mock data. */
export const SEED_USERS: readonly User[] = [
  { handle: 'andrewbrown', display_name: 'Andrew Brown' },
  { handle: 'worf', display_name: 'Worf' },
  { handle: 'garek', display_name: 'Garek' },
  { handle: 'coco', display_name: 'Coco' },
];

/** Stable ids, so that links in the docs and demos keep working across restarts. */
export const SEED_IDS = {
  andrewbrownActivity: '68f126b0-1ceb-4a33-88be-d90fa7109eee',
  worfReply: '26e12864-1c26-5c3a-9658-97a10f8fea67',
  worfActivity: '66e12864-8c26-4c3a-9658-95a10f8fea67',
  garekActivity: '248959df-3079-4947-b847-9d0892d1bab4',
} as const;

/** The original app's mock feed, dated relative to `now` as the original did. */
export function seedActivities(now: number): Activity[] {
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  return [
    {
      uuid: SEED_IDS.andrewbrownActivity,
      handle: 'andrewbrown',
      display_name: 'Andrew Brown',
      message: 'Cloud is very fun!',
      created_at: iso(-2 * DAY_MS),
      expires_at: iso(5 * DAY_MS),
      likes_count: 5,
      replies_count: 1,
      reposts_count: 0,
      replies: [
        {
          uuid: SEED_IDS.worfReply,
          reply_to_activity_uuid: SEED_IDS.andrewbrownActivity,
          handle: 'worf',
          display_name: 'Worf',
          message: 'This post has no honor!',
          likes_count: 0,
          replies_count: 0,
          reposts_count: 0,
          created_at: iso(-2 * DAY_MS),
        },
      ],
    },
    {
      uuid: SEED_IDS.worfActivity,
      handle: 'worf',
      display_name: 'Worf',
      message: 'I am out of prune juice',
      created_at: iso(-7 * DAY_MS),
      expires_at: iso(9 * DAY_MS),
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      replies: [],
    },
    {
      uuid: SEED_IDS.garekActivity,
      handle: 'garek',
      display_name: 'Garek',
      message: 'My dear doctor, I am just simple tailor',
      created_at: iso(-2 * HOUR_MS),
      expires_at: iso(12 * HOUR_MS),
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      replies: [],
    },
  ];
}
