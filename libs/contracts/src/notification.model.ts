import type { Activity } from './activity.model';

/** Why a notification was raised. */
export type NotificationKind = 'mention' | 'reply';

export const NOTIFICATION_KINDS: NotificationKind[] = ['mention', 'reply'];

/** A notification as the notifications service stores it. */
export interface Notification {
  uuid: string;
  /** The user who receives the notification. */
  handle: string;
  kind: NotificationKind;
  /** The user whose action raised it. */
  from_handle: string;
  message: string;
  /** The activity the notification concerns. */
  activity_uuid: string;
  /** ISO 8601 timestamp. */
  created_at: string;
}

/** A notification joined with the activity it concerns (null once that activity has expired). */
export interface NotificationWithActivity extends Notification {
  activity: Activity | null;
}
