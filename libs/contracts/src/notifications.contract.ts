import type { Activity } from './activity.model';
import type { Notification, NotificationKind, NotificationWithActivity } from './notification.model';

/**
 * The notifications service: owns notifications; TCP handlers only.
 * Called by the gateway (list, health) and by activities (create, activity-created event).
 */
export const NotificationsPattern = {
  /** request/response: {@link ListNotificationsRequest} → {@link ListNotificationsResponse} */
  List: 'notifications.list',
  /** request/response: {@link CreateNotificationRequest} → {@link Notification} (the acknowledgement) */
  Create: 'notifications.create',
  /** request/response: `{}` → HealthResponse */
  Health: 'notifications.health',
  /**
   * request/response: {@link TraceContextForwardRequest} → `{ status }`. Only
   * for the W3C Trace Context test service (gateway `POST /test` with TRACE_CONTEXT_TEST=1).
   */
  TraceContextForward: 'trace-context.forward',
} as const;

/** POST `arguments` as JSON to `url`, carrying the active trace context. */
export interface TraceContextForwardRequest {
  url: string;
  arguments: unknown;
}

/** TCP events the notifications service consumes. */
export const NotificationsEvent = {
  /** event: {@link ActivityCreatedEvent}; every `@handle` mentioned gets a notification. */
  ActivityCreated: 'activity.created',
} as const;

export interface ListNotificationsRequest {
  handle: string;
}

export interface ListNotificationsResponse {
  notifications: NotificationWithActivity[];
}

export interface CreateNotificationRequest {
  handle: string;
  kind: NotificationKind;
  from_handle: string;
  message: string;
  activity_uuid: string;
}

export interface ActivityCreatedEvent {
  activity: Activity;
  /** Handles mentioned in the message, without the `@`, deduplicated, in order of appearance. */
  mentions: string[];
}

export type { Notification, NotificationKind, NotificationWithActivity };
