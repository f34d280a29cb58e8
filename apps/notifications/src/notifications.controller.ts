import { Controller, Logger } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  type ActivityCreatedEvent,
  type HealthResponse,
  type ListNotificationsResponse,
  type Notification,
  CreateNotificationDto,
  ListNotificationsDto,
  NotificationsEvent,
  NotificationsPattern,
} from '@app/contracts';
import { NoFaults } from '@app/platform';
import { NotificationsService } from './notifications.service';

function isActivityCreatedEvent(value: unknown): value is ActivityCreatedEvent {
  const event = value as Partial<ActivityCreatedEvent> | null;
  return (
    typeof event?.activity?.uuid === 'string' &&
    typeof event.activity.handle === 'string' &&
    typeof event.activity.message === 'string' &&
    Array.isArray(event.mentions) &&
    event.mentions.every((handle) => typeof handle === 'string')
  );
}

/** The notifications service's TCP handlers (patterns: NotificationsPattern and NotificationsEvent in the contracts). */
@Controller()
export class NotificationsController {
  private readonly logger = new Logger(NotificationsController.name);

  constructor(private readonly notifications: NotificationsService) {}

  @MessagePattern(NotificationsPattern.List)
  async list(@Payload() request: ListNotificationsDto): Promise<ListNotificationsResponse> {
    return { notifications: await this.notifications.list(request.handle) };
  }

  @MessagePattern(NotificationsPattern.Create)
  create(@Payload() request: CreateNotificationDto): Notification {
    return this.notifications.create(request);
  }

  @MessagePattern(NotificationsPattern.Health)
  @NoFaults()
  health(): HealthResponse {
    return { status: 'ok', service: 'notifications' };
  }

  /** An event has no one to answer to: a malformed one or a failure is logged, never thrown. */
  @EventPattern(NotificationsEvent.ActivityCreated)
  async onActivityCreated(@Payload() event: unknown): Promise<void> {
    if (!isActivityCreatedEvent(event)) {
      this.logger.warn(`ignored a malformed ${NotificationsEvent.ActivityCreated} event`);
      return;
    }
    try {
      const created = await this.notifications.onActivityCreated(event);
      this.logger.log(`activity ${event.activity.uuid}: ${created.length} mention notification(s)`);
    } catch (error) {
      this.logger.warn(`activity ${event.activity.uuid}: mentions not notified: ${(error as Error).message}`);
    }
  }
}
