import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  type Activity,
  type CreateActivityDto,
  type CreateNotificationRequest,
  type CreateReplyDto,
  type Notification,
  type Reply,
  type User,
  type ActivityCreatedEvent,
  NotificationsEvent,
  NotificationsPattern,
  TTL_DURATIONS_MS,
  ValidationCode,
  extractMentions,
} from '@app/contracts';
import { withSpan } from '@app/observability';
import type { TcpDependencyClient } from '@app/platform';
import { NOTIFICATIONS_CLIENT } from './activities.constants';
import { ActivitiesStore } from './activities.store';
import { UsersDirectory } from './users.directory';

@Injectable()
export class ActivitiesService {
  private readonly logger = new Logger(ActivitiesService.name);

  constructor(
    private readonly store: ActivitiesStore,
    private readonly users: UsersDirectory,
    @Inject(NOTIFICATIONS_CLIENT) private readonly notifications: TcpDependencyClient,
  ) {}

  /** The feed, in a span of its own as the original app's home feed had ("home-activities", with app.now and app.result_length). */
  home(): Activity[] {
    return withSpan('home-activities', (span) => {
      span.annotate('app.now', new Date().toISOString());
      const results = this.store.list();
      span.annotate('app.result_length', results.length);
      return results;
    });
  }

  search(term: string): Activity[] {
    const needle = term.toLowerCase();
    return this.store.list((activity) => activity.message.toLowerCase().includes(needle));
  }

  /** A user's activities, in a subsegment as the original's user_activities had. */
  byUser(handle: string): Activity[] {
    return withSpan('user_activities', (span) => {
      span.annotate('app.handle', handle);
      const user = this.users.find(handle);
      if (!user) throw new NotFoundException(`No user with handle "${handle}"`);
      const results = this.store.list((activity) => activity.handle === user.handle);
      span.annotate('app.result_length', results.length);
      return results;
    });
  }

  get(uuid: string): Activity {
    const activity = this.store.get(uuid);
    if (!activity) throw new NotFoundException(`No activity ${uuid}`);
    return activity;
  }

  /** The listed activities among `uuids`; unknown or expired ones are left out. */
  getMany(uuids: readonly string[]): Activity[] {
    return [...new Set(uuids)].flatMap((uuid) => this.store.get(uuid) ?? []);
  }

  /**
   * Creates an activity, then tells notifications about it with an event.
   * The event is fire-and-forget: if notifications is down the activity still
   * exists, and the lost event is logged.
   */
  async create(dto: CreateActivityDto): Promise<Activity> {
    const author = this.author(dto.handle);
    const now = Date.now();
    const activity: Activity = {
      uuid: randomUUID(),
      handle: author.handle,
      display_name: author.display_name,
      message: dto.message,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + TTL_DURATIONS_MS[dto.ttl]).toISOString(),
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      replies: [],
    };
    this.store.add(activity);
    const mentions = extractMentions(dto.message).filter(
      (handle) => handle.toLowerCase() !== author.handle.toLowerCase(),
    );
    if (mentions.length > 0) {
      const event: ActivityCreatedEvent = { activity, mentions };
      try {
        await this.notifications.emit(NotificationsEvent.ActivityCreated, event);
      } catch (error) {
        this.logger.warn(
          `activity ${activity.uuid} created, but its mentions were not notified: ${(error as Error).message}`,
        );
      }
    }
    return activity;
  }

  /**
   * Creates a reply and has notifications acknowledge the notification of the
   * activity's author before answering. If notifications cannot acknowledge
   * it, the reply is taken back and the error (503/504) reaches the caller.
   */
  async reply(uuid: string, dto: CreateReplyDto): Promise<Reply> {
    const activity = this.get(uuid);
    const author = this.author(dto.handle);
    const reply: Reply = {
      uuid: randomUUID(),
      reply_to_activity_uuid: activity.uuid,
      handle: author.handle,
      display_name: author.display_name,
      message: dto.message,
      likes_count: 0,
      replies_count: 0,
      reposts_count: 0,
      created_at: new Date().toISOString(),
    };
    this.store.addReply(activity, reply);
    if (activity.handle !== author.handle) {
      const request: CreateNotificationRequest = {
        handle: activity.handle,
        kind: 'reply',
        from_handle: author.handle,
        message: reply.message,
        activity_uuid: activity.uuid,
      };
      try {
        await this.notifications.send<Notification, CreateNotificationRequest>(NotificationsPattern.Create, request);
      } catch (error) {
        this.store.removeReply(activity, reply.uuid);
        throw error;
      }
    }
    return reply;
  }

  resolveUsers(handles: readonly string[]): User[] {
    return this.users.resolve(handles);
  }

  private author(handle: string): User {
    const user = this.users.find(handle);
    if (!user) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `No user with handle "${handle}"`,
        errors: [ValidationCode.HandleUnknown],
      });
    }
    return user;
  }
}
