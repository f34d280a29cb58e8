import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  type Activity,
  type ListNotificationsRequest,
  type ListNotificationsResponse,
  type NotificationWithActivity,
  type Reply,
  ActivitiesHttp,
  ActivitySchema,
  CreateActivityDto,
  CreateReplyDto,
  DEFAULT_NOTIFICATIONS_HANDLE,
  NotificationSchema,
  NotificationsPattern,
  NotificationsQueryDto,
  ReplySchema,
  SearchQueryDto,
  SeedExample,
} from '@app/contracts';
import type { HttpDependencyClient, TcpDependencyClient } from '@app/platform';
import { ACTIVITIES_CLIENT, NOTIFICATIONS_CLIENT } from '../gateway.constants';
import { ApiErrorResponses, type ErrorResponse } from '../openapi/api-error-responses.decorator';

/** What any call to a dependency can meet, besides the rate limit and the unexpected. */
const DEPENDENCY_ERRORS: ErrorResponse[] = [429, 500, 502, 503, 504];

/** The errors of a JSON body, besides its validation (422). */
const BODY_ERRORS: ErrorResponse[] = [413, 415];

const UUID_PARAM = {
  name: 'uuid',
  schema: { type: 'string', format: 'uuid', example: SeedExample.activityUuid },
  description: 'The activity’s uuid (400 if it is not a UUID).',
};

/**
 * The public activities API. Activities are owned by the activities service
 * (HTTP); notifications by the notifications service (TCP). Bodies and queries
 * are validated here too, so invalid requests stop at the edge.
 */
@ApiTags('activities')
@Controller('api/activities')
export class ActivitiesController {
  constructor(
    @Inject(ACTIVITIES_CLIENT) private readonly activities: HttpDependencyClient,
    @Inject(NOTIFICATIONS_CLIENT) private readonly notifications: TcpDependencyClient,
  ) {}

  @Get('home')
  @ApiOperation({ operationId: 'listHomeFeed', summary: 'The feed: every listed activity, newest first' })
  @ApiOkResponse({ description: 'The activities, newest first, each with its replies.', type: [ActivitySchema] })
  @ApiErrorResponses(...DEPENDENCY_ERRORS)
  home(): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.home);
  }

  @Get('notifications')
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'A user’s notifications, newest first',
    description: `From the notifications service (TCP), each joined with its activity (HTTP). \`handle\` defaults to \`${DEFAULT_NOTIFICATIONS_HANDLE}\`; an unknown handle has none.`,
  })
  @ApiOkResponse({ description: 'The notifications, newest first.', type: [NotificationSchema] })
  @ApiErrorResponses({ status: 422, description: 'The handle is not one (`handle_invalid`).' }, ...DEPENDENCY_ERRORS)
  async listNotifications(@Query() query: NotificationsQueryDto): Promise<NotificationWithActivity[]> {
    const { notifications } = await this.notifications.send<ListNotificationsResponse, ListNotificationsRequest>(
      NotificationsPattern.List,
      { handle: query.handle ?? DEFAULT_NOTIFICATIONS_HANDLE },
    );
    return notifications;
  }

  @Get('search')
  @ApiOperation({
    operationId: 'searchActivities',
    summary: 'Activities whose message contains the term',
    description: 'Case-insensitive; newest first.',
  })
  @ApiOkResponse({ description: 'The matching activities, newest first (maybe none).', type: [ActivitySchema] })
  @ApiErrorResponses(
    { status: 422, description: 'No term, a blank one (`term_blank`) or a too long one (`term_exceed_max_chars`).' },
    ...DEPENDENCY_ERRORS,
  )
  search(@Query() query: SearchQueryDto): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.search, { term: query.term });
  }

  @Get('@:handle')
  @ApiOperation({ operationId: 'listUserActivities', summary: 'A user’s activities, newest first' })
  @ApiParam({
    name: 'handle',
    description: 'The user’s handle, matched case-insensitively.',
    schema: { type: 'string', example: SeedExample.replyHandle },
  })
  @ApiOkResponse({ description: 'Their listed activities, newest first.', type: [ActivitySchema] })
  @ApiErrorResponses({ status: 404, description: 'No user with this handle.' }, ...DEPENDENCY_ERRORS)
  byUser(@Param('handle') handle: string): Promise<Activity[]> {
    return this.activities.get(ActivitiesHttp.byUser(handle));
  }

  @Get(':uuid')
  @ApiOperation({ operationId: 'getActivity', summary: 'One activity, with its replies' })
  @ApiParam(UUID_PARAM)
  @ApiOkResponse({ description: 'The activity.', type: ActivitySchema })
  @ApiErrorResponses(
    { status: 400, description: '`uuid` is not a UUID.' },
    { status: 404, description: 'No listed activity with this uuid (it may have expired).' },
    ...DEPENDENCY_ERRORS,
  )
  get(@Param('uuid', ParseUUIDPipe) uuid: string): Promise<Activity> {
    return this.activities.get(ActivitiesHttp.byUuid(uuid));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createActivity',
    summary: 'Post an activity',
    description:
      'Every known user `@mentioned` in the message gets a notification (a TCP event to notifications: the activity is created even when notifications is down).',
  })
  @ApiCreatedResponse({ description: 'The activity, as stored.', type: ActivitySchema })
  @ApiErrorResponses(
    400,
    ...BODY_ERRORS,
    { status: 422, description: 'A field is missing or invalid, or the handle is no user’s (`handle_unknown`).' },
    ...DEPENDENCY_ERRORS,
  )
  create(@Body() dto: CreateActivityDto): Promise<Activity> {
    return this.activities.post(ActivitiesHttp.create, dto);
  }

  @Post(':uuid/reply')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createReply',
    summary: 'Reply to an activity',
    description:
      'Answers once notifications has acknowledged the notification of the activity’s author (over TCP, from activities); without that acknowledgement the reply is not kept (503 or 504, `dependency`: notifications).',
  })
  @ApiParam(UUID_PARAM)
  @ApiCreatedResponse({ description: 'The reply, as stored.', type: ReplySchema })
  @ApiErrorResponses(
    {
      status: 400,
      description: 'The body is not valid JSON (nests deeper than 64 levels, not UTF-8), or `uuid` is not a UUID.',
    },
    { status: 404, description: 'No listed activity with this uuid.' },
    ...BODY_ERRORS,
    { status: 422, description: 'A field is missing or invalid, or the handle is no user’s (`handle_unknown`).' },
    ...DEPENDENCY_ERRORS,
  )
  reply(@Param('uuid', ParseUUIDPipe) uuid: string, @Body() dto: CreateReplyDto): Promise<Reply> {
    return this.activities.post(ActivitiesHttp.replies(uuid), dto);
  }
}
