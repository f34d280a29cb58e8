import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Activity,
  type ActivityCreatedEvent,
  type CreateNotificationRequest,
  type Notification,
  type NotificationWithActivity,
  type ResolveUsersRequest,
  type ResolveUsersResponse,
  ActivitiesHttp,
  ActivitiesPattern,
} from '@app/contracts';
import { withSpan } from '@app/observability';
import type { HttpDependencyClient, TcpDependencyClient } from '@app/platform';
import { ACTIVITIES_HTTP_CLIENT, ACTIVITIES_TCP_CLIENT } from './notifications.constants';
import { NotificationsStore } from './notifications.store';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly store: NotificationsStore,
    @Inject(ACTIVITIES_HTTP_CLIENT) private readonly activitiesHttp: HttpDependencyClient,
    @Inject(ACTIVITIES_TCP_CLIENT) private readonly activitiesTcp: TcpDependencyClient,
  ) {}

  /**
   * A user's notifications, newest first, each joined with the activity it
   * concerns (over HTTP). Traced as the original did: a parent subsegment
   * with a nested child holding the result count as metadata.
   */
  list(handle: string): Promise<NotificationWithActivity[]> {
    return withSpan('notifications_activities', async (parent) => {
      parent.annotate('app.handle', handle);
      const notifications = this.store.forHandle(handle);
      const results = await withSpan('join_activities', async (child) => {
        if (notifications.length === 0) return [];
        const uuids = [...new Set(notifications.map((n) => n.activity_uuid))];
        const activities = await this.activitiesHttp.get<Activity[]>(ActivitiesHttp.batch, { uuid: uuids });
        const byUuid = new Map(activities.map((activity) => [activity.uuid, activity]));
        const joined = notifications.map((n) => ({ ...n, activity: byUuid.get(n.activity_uuid) ?? null }));
        child.metadata('notification results', { number: joined.length });
        return joined;
      });
      parent.annotate('app.result_length', results.length);
      return results;
    });
  }

  create(request: CreateNotificationRequest): Notification {
    const notification: Notification = {
      uuid: randomUUID(),
      handle: request.handle,
      kind: request.kind,
      from_handle: request.from_handle,
      message: request.message,
      activity_uuid: request.activity_uuid,
      created_at: new Date().toISOString(),
    };
    this.store.add(notification);
    return notification;
  }

  /** Notifies every mentioned handle that is a known user; asks activities (over TCP) which are. */
  async onActivityCreated(event: ActivityCreatedEvent): Promise<Notification[]> {
    const { users } = await this.activitiesTcp.send<ResolveUsersResponse, ResolveUsersRequest>(
      ActivitiesPattern.ResolveUsers,
      { handles: event.mentions },
    );
    return users
      .filter((user) => user.handle !== event.activity.handle)
      .map((user) =>
        this.create({
          handle: user.handle,
          kind: 'mention',
          from_handle: event.activity.handle,
          message: event.activity.message,
          activity_uuid: event.activity.uuid,
        }),
      );
  }
}
