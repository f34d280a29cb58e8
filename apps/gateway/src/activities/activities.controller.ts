import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  type Activity,
  type ListNotificationsRequest,
  type ListNotificationsResponse,
  type NotificationWithActivity,
  type Reply,
  ActivitiesHttp,
  CreateActivityDto,
  CreateReplyDto,
  NotificationsPattern,
  NotificationsQueryDto,
  SearchQueryDto,
} from '@app/contracts';
import type { HttpDependencyClient, TcpDependencyClient } from '@app/platform';
import { ACTIVITIES_CLIENT, NOTIFICATIONS_CLIENT } from '../gateway.constants';

/** The user of the original app's demo, whose notifications are shown when none is asked for. */
export const DEFAULT_NOTIFICATIONS_HANDLE = 'andrewbrown';

/**
 * The public activities API. Activities are owned by the activities service
 * (HTTP); notifications by the notifications service (TCP). Bodies and queries
 * are validated here too, so invalid requests stop at the edge.
 */
@Controller('api/activities')
export class ActivitiesController {
  constructor(
    @Inject(ACTIVITIES_CLIENT) private readonly activities: HttpDependencyClient,
    @Inject(NOTIFICATIONS_CLIENT) private readonly notifications: TcpDependencyClient,
  ) {}

  @Get('home')
  home(): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.home);
  }

  @Get('notifications')
  async listNotifications(@Query() query: NotificationsQueryDto): Promise<NotificationWithActivity[]> {
    const { notifications } = await this.notifications.send<ListNotificationsResponse, ListNotificationsRequest>(
      NotificationsPattern.List,
      { handle: query.handle ?? DEFAULT_NOTIFICATIONS_HANDLE },
    );
    return notifications;
  }

  @Get('search')
  search(@Query() query: SearchQueryDto): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.search, { term: query.term });
  }

  @Get('@:handle')
  byUser(@Param('handle') handle: string): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.byUser(handle));
  }

  @Get(':uuid')
  get(@Param('uuid', ParseUUIDPipe) uuid: string): Promise<Activity> {
    return this.activities.get(ActivitiesHttp.byUuid(uuid));
  }

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateActivityDto): Promise<Activity> {
    return this.activities.post(ActivitiesHttp.create, dto);
  }

  @Post(':uuid/reply')
  @HttpCode(201)
  reply(@Param('uuid', ParseUUIDPipe) uuid: string, @Body() dto: CreateReplyDto): Promise<Reply> {
    return this.activities.post(ActivitiesHttp.replies(uuid), dto);
  }
}
