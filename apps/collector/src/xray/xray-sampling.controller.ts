import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { COLLECTOR_CONFIG } from '../collector.constants';
import type { CollectorConfig } from '../collector.config';
import { readNewSamplingRule, readSamplingRuleUpdate } from './sampling-rule.reader';
import { type SamplingRuleRecordJson, SamplingRulesStore } from './sampling-rules.store';
import type { SamplingTargetsJson } from './sampling-targets.service';
import { SamplingOperations } from './sampling.operations';
import { XrayErrorFilter } from './xray-error.filter';
import { XrayRequestReader } from './xray-request.reader';
import { RecordIntake } from '../intake';

type RecordAnswer = { SamplingRuleRecord: SamplingRuleRecordJson };

/** X-Ray's sampling operations: rules (create, list, update, delete) and sampling targets. */
@Controller()
@UseFilters(XrayErrorFilter)
@RecordIntake('xray-api')
export class XraySamplingController {
  constructor(
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    private readonly rules: SamplingRulesStore,
    private readonly operations: SamplingOperations,
  ) {}

  @Post('CreateSamplingRule')
  @HttpCode(200)
  async createSamplingRule(@Req() request: IncomingMessage): Promise<RecordAnswer> {
    const body = await this.read(request);
    const rule = readNewSamplingRule(body);
    body.list('Tags', { max: 200 }, (_value, structure) =>
      structure().string('Key', { required: true, min: 1, max: 128 }),
    );
    return { SamplingRuleRecord: this.rules.create(rule) };
  }

  @Post('GetSamplingRules')
  @HttpCode(200)
  async getSamplingRules(@Req() request: IncomingMessage): Promise<{ SamplingRuleRecords: SamplingRuleRecordJson[] }> {
    return this.operations.getSamplingRules(await this.read(request));
  }

  @Post('UpdateSamplingRule')
  @HttpCode(200)
  async updateSamplingRule(@Req() request: IncomingMessage): Promise<RecordAnswer> {
    const { selector, changes } = readSamplingRuleUpdate(await this.read(request));
    return { SamplingRuleRecord: this.rules.update(selector, changes) };
  }

  @Post('DeleteSamplingRule')
  @HttpCode(200)
  async deleteSamplingRule(@Req() request: IncomingMessage): Promise<RecordAnswer> {
    const body = await this.read(request);
    const selector = { name: body.string('RuleName', { min: 1, max: 32 }), arn: body.string('RuleARN') };
    return { SamplingRuleRecord: this.rules.delete(selector) };
  }

  @Post('SamplingTargets')
  @HttpCode(200)
  async getSamplingTargets(@Req() request: IncomingMessage): Promise<SamplingTargetsJson> {
    return this.operations.getSamplingTargets(await this.read(request));
  }

  private read(request: IncomingMessage): Promise<XrayRequestReader> {
    return XrayRequestReader.read(request, this.config.limits.bodyLimitBytes);
  }
}
