import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  type Activity,
  type HealthResponse,
  type Reply,
  ActivitiesRoute,
  CreateActivityDto,
  CreateReplyDto,
  SearchQueryDto,
} from '@app/contracts';
import { NoFaults } from '@app/platform';
import { ActivitiesService } from './activities.service';

/** The activities service's HTTP API (routes: ActivitiesRoute in the contracts, the templates its callers fill in). */
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get(ActivitiesRoute.health)
  @NoFaults()
  health(): HealthResponse {
    return { status: 'ok', service: 'activities' };
  }

  @Get(ActivitiesRoute.home)
  home(): Activity[] {
    return this.activities.home();
  }

  @Get(ActivitiesRoute.search)
  search(@Query() query: SearchQueryDto): Activity[] {
    return this.activities.search(query.term);
  }

  @Get(ActivitiesRoute.batch)
  batch(@Query('uuid') uuid: string | string[] | undefined): Activity[] {
    return this.activities.getMany(typeof uuid === 'string' ? [uuid] : (uuid ?? []));
  }

  @Get(ActivitiesRoute.byUuid)
  get(@Param('uuid', ParseUUIDPipe) uuid: string): Activity {
    return this.activities.get(uuid);
  }

  @Post(ActivitiesRoute.create)
  @HttpCode(201)
  create(@Body() dto: CreateActivityDto): Promise<Activity> {
    return this.activities.create(dto);
  }

  @Post(ActivitiesRoute.replies)
  @HttpCode(201)
  reply(@Param('uuid', ParseUUIDPipe) uuid: string, @Body() dto: CreateReplyDto): Promise<Reply> {
    return this.activities.reply(uuid, dto);
  }

  @Get(ActivitiesRoute.byUser)
  byUser(@Param('handle') handle: string): Activity[] {
    return this.activities.byUser(handle);
  }
}
