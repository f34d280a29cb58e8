import { Injectable } from '@nestjs/common';
import { SamplingRulesStore } from './sampling-rules.store';
import { SAMPLING_TARGET_INTERVAL_S } from './xray.constants';

/** One SamplingStatisticsDocument a client reports for a rule. */
export interface SamplingStatistics {
  RuleName: string;
  ClientID: string;
  Timestamp: number;
  RequestCount: number;
  SampledCount: number;
  BorrowCount?: number;
}

/** GetSamplingTargets' answer (times in epoch seconds). */
export interface SamplingTargetsJson {
  SamplingTargetDocuments: Array<{
    RuleName: string;
    FixedRate: number;
    ReservoirQuota: number;
    ReservoirQuotaTTL: number;
    Interval: number;
  }>;
  LastRuleModification: number;
  UnprocessedStatistics: Array<{ RuleName: string; ErrorCode: string; Message: string }>;
  UnprocessedBoostStatistics: never[];
}

// A client that has not reported for this long no longer holds a share of a reservoir.
const ACTIVE_CLIENT_MS = SAMPLING_TARGET_INTERVAL_S * 1000;
// Bounds the memory a flood of made-up client ids can take.
const MAX_CLIENTS_PER_RULE = 1000;

/**
 * Turns the statistics clients report into sampling targets, as X-Ray does:
 * each rule's reservoir (requests per second traced whatever the rate) is
 * shared among the clients that reported for it in the last 10 s, the
 * remainder going to the first clients so that the quotas add up to the
 * reservoir; past it, the rule's fixed rate applies.
 */
@Injectable()
export class SamplingTargetsService {
  /** Rule name → client id → when it last reported (ms). */
  private readonly clients = new Map<string, Map<string, number>>();

  constructor(private readonly rules: SamplingRulesStore) {}

  targets(statistics: SamplingStatistics[]): SamplingTargetsJson {
    const now = Date.now();
    this.prune(now);
    const answer: SamplingTargetsJson = {
      SamplingTargetDocuments: [],
      LastRuleModification: this.rules.lastModifiedAt(),
      UnprocessedStatistics: [],
      UnprocessedBoostStatistics: [],
    };
    for (const document of statistics) {
      if (!this.rules.get(document.RuleName)) continue;
      const seen = this.clients.get(document.RuleName) ?? new Map<string, number>();
      seen.delete(document.ClientID);
      seen.set(document.ClientID, now);
      if (seen.size > MAX_CLIENTS_PER_RULE) seen.delete(seen.keys().next().value as string);
      this.clients.set(document.RuleName, seen);
    }
    for (const document of statistics) {
      const record = this.rules.get(document.RuleName);
      if (!record) {
        answer.UnprocessedStatistics.push({
          RuleName: document.RuleName,
          ErrorCode: '400',
          Message: `Unknown sampling rule ${document.RuleName}`,
        });
        continue;
      }
      const { FixedRate, ReservoirSize } = record.SamplingRule;
      answer.SamplingTargetDocuments.push({
        RuleName: document.RuleName,
        FixedRate,
        ReservoirQuota: this.quota(document.RuleName, document.ClientID, ReservoirSize),
        ReservoirQuotaTTL: Math.floor(now / 1000) + SAMPLING_TARGET_INTERVAL_S,
        Interval: SAMPLING_TARGET_INTERVAL_S,
      });
    }
    return answer;
  }

  private quota(rule: string, client: string, reservoir: number): number {
    const active = [...(this.clients.get(rule)?.keys() ?? [])].sort();
    const share = Math.floor(reservoir / active.length);
    return share + (active.indexOf(client) < reservoir % active.length ? 1 : 0);
  }

  private prune(now: number): void {
    for (const [rule, seen] of this.clients) {
      for (const [client, at] of seen) if (now - at > ACTIVE_CLIENT_MS) seen.delete(client);
      if (seen.size === 0 || !this.rules.get(rule)) this.clients.delete(rule);
    }
  }
}
