import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { COLLECTOR_CONFIG } from '../collector.constants';
import type { CollectorConfig } from '../collector.config';
import { type GroupJson, type GroupSelector, GroupsStore, type InsightsConfigurationJson } from './groups.store';
import { XrayErrorFilter } from './xray-error.filter';
import { XrayRequestReader } from './xray-request.reader';
import { RecordIntake } from '../intake';

/** X-Ray's group operations: CreateGroup, GetGroup, GetGroups, UpdateGroup, DeleteGroup. */
@Controller()
@UseFilters(XrayErrorFilter)
@RecordIntake('xray-api')
export class XrayGroupsController {
  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    private readonly groups: GroupsStore,
  ) {}

  @Post('CreateGroup')
  @HttpCode(200)
  async createGroup(@Req() request: IncomingMessage): Promise<{ Group: GroupJson }> {
    const body = await this.read(request);
    const name = body.string('GroupName', { required: true, min: 1, max: 32 });
    body.list('Tags', { max: 200 }, (_value, structure) =>
      structure().string('Key', { required: true, min: 1, max: 128 }),
    );
    return { Group: this.groups.create(name, body.string('FilterExpression'), this.insights(body)) };
  }

  @Post('GetGroup')
  @HttpCode(200)
  async getGroup(@Req() request: IncomingMessage): Promise<{ Group: GroupJson }> {
    return { Group: this.groups.get(this.selector(await this.read(request))).json };
  }

  /** All groups fit in one page (at most 26). */
  @Post('Groups')
  @HttpCode(200)
  async getGroups(@Req() request: IncomingMessage): Promise<{ Groups: GroupJson[] }> {
    (await this.read(request)).string('NextToken');
    return { Groups: this.groups.list() };
  }

  @Post('UpdateGroup')
  @HttpCode(200)
  async updateGroup(@Req() request: IncomingMessage): Promise<{ Group: GroupJson }> {
    const body = await this.read(request);
    return { Group: this.groups.update(this.selector(body), body.string('FilterExpression'), this.insights(body)) };
  }

  @Post('DeleteGroup')
  @HttpCode(200)
  async deleteGroup(@Req() request: IncomingMessage): Promise<Record<string, never>> {
    this.groups.delete(this.selector(await this.read(request)));
    return {};
  }

  private read(request: IncomingMessage): Promise<XrayRequestReader> {
    return XrayRequestReader.read(request, this.config.limits.bodyLimitBytes);
  }

  private selector(body: XrayRequestReader): GroupSelector {
    return { name: body.string('GroupName', { min: 1, max: 32 }), arn: body.string('GroupARN', { min: 1, max: 400 }) };
  }

  private insights(body: XrayRequestReader): Partial<InsightsConfigurationJson> | undefined {
    const insights = body.structure('InsightsConfiguration');
    if (!insights) return undefined;
    const enabled = insights.boolean('InsightsEnabled');
    const notifications = insights.boolean('NotificationsEnabled');
    return {
      ...(enabled !== undefined ? { InsightsEnabled: enabled } : {}),
      ...(notifications !== undefined ? { NotificationsEnabled: notifications } : {}),
    };
  }
}
