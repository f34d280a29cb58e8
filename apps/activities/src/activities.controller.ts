import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  type Activity,
  type HealthResponse,
  type Reply,
  CreateActivityDto,
  CreateReplyDto,
  SearchQueryDto,
} from '@app/contracts';
import { ActivitiesService } from './activities.service';

/** The activities service's HTTP API (paths: ActivitiesHttp in the contracts). */
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get('health')
  health(): HealthResponse {
    return { status: 'ok', service: 'activities' };
  }

  @Get('activities/home')
  home(): Activity[] {
    return this.activities.home();
  }

  @Get('activities/search')
  search(@Query() query: SearchQueryDto): Activity[] {
    return this.activities.search(query.term);
  }

  @Get('activities')
  batch(@Query('uuid') uuid: string | string[] | undefined): Activity[] {
    return this.activities.getMany(typeof uuid === 'string' ? [uuid] : (uuid ?? []));
  }

  @Get('activities/:uuid')
  get(@Param('uuid', ParseUUIDPipe) uuid: string): Activity {
    return this.activities.get(uuid);
  }

  @Post('activities')
  @HttpCode(201)
  create(@Body() dto: CreateActivityDto): Promise<Activity> {
    return this.activities.create(dto);
  }

  @Post('activities/:uuid/replies')
  @HttpCode(201)
  reply(@Param('uuid', ParseUUIDPipe) uuid: string, @Body() dto: CreateReplyDto): Promise<Reply> {
    return this.activities.reply(uuid, dto);
  }

  @Get('users/:handle/activities')
  byUser(@Param('handle') handle: string): Activity[] {
    return this.activities.byUser(handle);
  }
}
