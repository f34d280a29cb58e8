import { wildcardMatch } from 'aws-xray-sdk-core/dist/lib/utils';
import { RuleReservoir } from './rule-reservoir';
import type { SamplingRequest } from './sampling-request';
import type { SamplingRuleDefinition } from './sampling-rule.definition';

/** Counts a rule reports to X-Ray (SamplingStatisticsDocument). */
export interface RuleStatistics {
  requests: number;
  sampled: number;
  borrowed: number;
}

/** A SamplingTargetDocument: what X-Ray grants a rule until the next report. */
export interface RuleTarget {
  FixedRate?: number;
  ReservoirQuota?: number;
  /** Epoch seconds. */
  ReservoirQuotaTTL?: number;
  /** Seconds between statistics reports for this rule. */
  Interval?: number;
}

/**
 * One rule while in use: its definition, reservoir, current rate and the
 * statistics gathered since the last report.
 */
export class SamplingRuleState {
  private rate: number;
  private statistics: RuleStatistics = { requests: 0, sampled: 0, borrowed: 0 };
  private reportInterval = 10;
  private nextReportAt = 0;

  constructor(
    readonly definition: SamplingRuleDefinition,
    private reservoir: RuleReservoir,
  ) {
    this.rate = definition.FixedRate;
  }

  get name(): string {
    return this.definition.RuleName;
  }

  /**
   * X-Ray's matching (`aws-xray-sdk-core`'s wildcard semantics): the Default
   * rule takes everything; a field the request lacks does not exclude it.
   * ServiceType is not matched: it names the platform (EC2, ECS…), which this process does not detect.
   */
  matches(request: SamplingRequest): boolean {
    const rule = this.definition;
    if (rule.RuleName === 'Default') return true;
    const fits = (pattern: string, value: string | undefined) => value === undefined || wildcardMatch(pattern, value);
    return (
      fits(rule.ServiceName, request.serviceName) &&
      fits(rule.Host, request.host) &&
      fits(rule.HTTPMethod, request.httpMethod) &&
      fits(rule.URLPath, request.urlPath)
    );
  }

  /** One decision: the reservoir first, then the fixed rate. @param now epoch seconds */
  decide(now: number, random: () => number): boolean {
    this.statistics.requests++;
    const outcome = this.reservoir.take(now);
    if (outcome === 'borrow') this.statistics.borrowed++;
    const sampled = outcome !== undefined || random() < this.rate;
    if (sampled) this.statistics.sampled++;
    return sampled;
  }

  /** Whether the rule has something to report and its report interval has passed. */
  dueForReport(now: number): boolean {
    // A second of slack, so that a poll firing slightly early does not skip a whole interval.
    return this.statistics.requests > 0 && now + 1 >= this.nextReportAt;
  }

  /** The statistics since the last call, which starts a new interval. */
  takeStatistics(now: number): RuleStatistics {
    const taken = this.statistics;
    this.statistics = { requests: 0, sampled: 0, borrowed: 0 };
    this.nextReportAt = now + this.reportInterval;
    return taken;
  }

  applyTarget(target: RuleTarget): void {
    if (typeof target.FixedRate === 'number') this.rate = target.FixedRate;
    if (typeof target.Interval === 'number' && target.Interval > 0) this.reportInterval = target.Interval;
    this.reservoir.loadQuota(
      typeof target.ReservoirQuota === 'number' ? target.ReservoirQuota : undefined,
      typeof target.ReservoirQuotaTTL === 'number' ? target.ReservoirQuotaTTL : undefined,
    );
  }

  /**
   * Keeps the reservoir, rate and counts of the same rule from the previous
   * rule set, as long as its reservoir settings did not change.
   */
  inheritFrom(previous: SamplingRuleState): void {
    if (previous.definition.ReservoirSize !== this.definition.ReservoirSize) return;
    this.reservoir = previous.reservoir;
    this.statistics = previous.statistics;
    this.reportInterval = previous.reportInterval;
    this.nextReportAt = previous.nextReportAt;
    if (previous.definition.FixedRate === this.definition.FixedRate) this.rate = previous.rate;
  }
}

/** Orders rules as X-Ray applies them: by priority, then by name. */
export function byPriority(a: SamplingRuleState, b: SamplingRuleState): number {
  return a.definition.Priority - b.definition.Priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
