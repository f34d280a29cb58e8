/** A reply to an activity, as the original Cruddur API returned it. */
export interface Reply {
  uuid: string;
  reply_to_activity_uuid: string;
  handle: string;
  display_name: string;
  message: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  /** ISO 8601 timestamp. */
  created_at: string;
}

/** A post on the micro-blog. */
export interface Activity {
  uuid: string;
  handle: string;
  display_name: string;
  message: string;
  /** ISO 8601 timestamp. */
  created_at: string;
  /** ISO 8601 timestamp; an activity past it is no longer listed. */
  expires_at: string;
  likes_count: number;
  replies_count: number;
  reposts_count: number;
  replies: Reply[];
}

/** A user known to the activities service. */
export interface User {
  handle: string;
  display_name: string;
}
