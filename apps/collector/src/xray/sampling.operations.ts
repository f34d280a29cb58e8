import { Injectable } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { type SamplingRuleRecordJson, SamplingRulesStore } from './sampling-rules.store';
import { type SamplingStatistics, type SamplingTargetsJson, SamplingTargetsService } from './sampling-targets.service';
import type { XrayRequestReader } from './xray-request.reader';

/**
 * The two operations X-Ray SDKs call to sample centrally, GetSamplingRules
 * and GetSamplingTargets, shared by the X-Ray API and the daemon's sampling
 * proxy so that both answer the same.
 */
@Injectable()
export class SamplingOperations {
  constructor(
    private readonly rules: SamplingRulesStore,
    private readonly targets: SamplingTargetsService,
    private readonly stats: StatsService,
  ) {}

  /** All rules in one page (there are at most 26). */
  getSamplingRules(body: XrayRequestReader): { SamplingRuleRecords: SamplingRuleRecordJson[] } {
    body.string('NextToken');
    this.stats.count('xray_sampling', 'accepted');
    return { SamplingRuleRecords: this.rules.list() };
  }

  getSamplingTargets(body: XrayRequestReader): SamplingTargetsJson {
    const statistics = body.list(
      'SamplingStatisticsDocuments',
      { required: true, max: 25 },
      (_value, structure): SamplingStatistics => {
        const document = structure();
        return {
          RuleName: document.string('RuleName', { required: true, min: 1, max: 64 }),
          ClientID: document.string('ClientID', { required: true, min: 24, max: 24 }),
          Timestamp: document.date('Timestamp', { required: true }),
          RequestCount: document.number('RequestCount', { required: true, min: 0, integer: true }),
          SampledCount: document.number('SampledCount', { required: true, min: 0, integer: true }),
          BorrowCount: document.number('BorrowCount', { min: 0, integer: true }),
        };
      },
    );
    this.stats.count('xray_sampling', 'accepted');
    return this.targets.targets(statistics ?? []);
  }
}
