import { randomBytes } from 'node:crypto';
import type { ThrottledWarning } from '@app/common';
import { RuleReservoir } from './rule-reservoir';
import type { RuleSource, SamplerRuntime } from './rules.sampler';
import { DEFAULT_RULE, isApplicable, type SamplingRuleDefinition } from './sampling-rule.definition';
import { byPriority, SamplingRuleState } from './sampling-rule.state';
import type { SamplingProxyClient } from './sampling-proxy.client';

/** X-Ray SDKs' timings, in ms. */
export interface PollerTimings {
  /** @default 300000 (5 min, plus up to 5 s of jitter) */
  rulesIntervalMs: number;
  /** @default 10000 */
  targetsIntervalMs: number;
  /** Rules not refreshed for this long are dropped for the local default. @default 3600000 */
  rulesTtlMs: number;
}

const DEFAULT_TIMINGS: PollerTimings = { rulesIntervalMs: 300_000, targetsIntervalMs: 10_000, rulesTtlMs: 3_600_000 };
/** Pages of GetSamplingRules read per refresh; X-Ray holds at most a few dozen rules. */
const MAX_PAGES = 10;

/**
 * Centralized sampling rules, as X-Ray's SDKs keep them: fetched through the
 * daemon's proxy every 5 minutes (and at once when SamplingTargets says a rule
 * changed; every 10 s while it holds no rules, a first fetch that failed included), each matched
 * rule's statistics reported every 10 s in exchange for its reservoir quota and rate. Until rules arrive, or when they are over an
 * hour old, the local default rule (1/s + 5 %) applies. Failures are logged
 * through a throttled warning and never thrown.
 */
export class RemoteRulesPoller implements RuleSource {
  /** Identifies this process in its statistics reports (24 hex digits, as the SDKs make it). */
  readonly clientId = randomBytes(12).toString('hex');
  private current: readonly SamplingRuleState[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private readonly fallback = [new SamplingRuleState(DEFAULT_RULE, RuleReservoir.fixed(DEFAULT_RULE.ReservoirSize))];
  private readonly timings: PollerTimings;
  private timers: NodeJS.Timeout[] = [];
  private rulesInFlight?: Promise<void>;

  constructor(
    private readonly client: SamplingProxyClient,
    private readonly log: ThrottledWarning,
    private readonly runtime: SamplerRuntime,
    timings: Partial<PollerTimings> = {},
  ) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  rules(now: number): readonly SamplingRuleState[] {
    const fresh = now * 1000 - this.fetchedAt <= this.timings.rulesTtlMs;
    return fresh && this.current.length > 0 ? this.current : this.fallback;
  }

  /** Fetches the rules now and starts polling; timers do not keep the process alive. */
  start(): void {
    if (this.timers.length > 0) return;
    void this.refreshRules();
    const jitter = this.runtime.random() * 5000;
    this.timers = [
      setInterval(() => void this.refreshRules(), this.timings.rulesIntervalMs + jitter),
      setInterval(() => void this.refreshTargets(), this.timings.targetsIntervalMs + this.runtime.random() * 100),
    ];
    for (const timer of this.timers) timer.unref();
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Reloads the rules; concurrent calls share one fetch. Never rejects. */
  refreshRules(): Promise<void> {
    this.rulesInFlight ??= this.loadRules().finally(() => (this.rulesInFlight = undefined));
    return this.rulesInFlight;
  }

  /** Reports the statistics of rules due for it and applies the targets granted. Never rejects. */
  async refreshTargets(): Promise<void> {
    // No rules yet (the first fetch failed: a daemon not up yet, or an answer that came while
    // the event loop was busy loading the app; or none defined yet, as before aws:setup): try
    // again now rather than at the 5-minute tick.
    if (this.current.length === 0) return this.refreshRules();
    const now = this.runtime.now() / 1000;
    const due = this.current.filter((rule) => rule.dueForReport(now));
    if (due.length === 0) return;
    const documents = due.map((rule) => {
      const statistics = rule.takeStatistics(now);
      return {
        RuleName: rule.name,
        ClientID: this.clientId,
        Timestamp: Math.floor(now),
        RequestCount: statistics.requests,
        SampledCount: statistics.sampled,
        BorrowCount: statistics.borrowed,
      };
    });
    try {
      const answer = await this.client.getSamplingTargets(documents);
      const byName = new Map(this.current.map((rule) => [rule.name, rule]));
      for (const target of answer.SamplingTargetDocuments ?? []) byName.get(target.RuleName)?.applyTarget(target);
      if (typeof answer.LastRuleModification === 'number' && answer.LastRuleModification * 1000 > this.fetchedAt) {
        await this.refreshRules();
      }
    } catch (error) {
      this.log.warn(`X-Ray sampling targets not updated: ${(error as Error).message}`, 'sampling targets');
    }
  }

  private async loadRules(): Promise<void> {
    const startedAt = this.runtime.now(); // before the call, so a change made meanwhile counts as newer
    try {
      const definitions: SamplingRuleDefinition[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await this.client.getSamplingRules(token);
        for (const record of answer.SamplingRuleRecords ?? []) {
          if (record.SamplingRule && isWellFormed(record.SamplingRule) && isApplicable(record.SamplingRule)) {
            definitions.push(record.SamplingRule);
          }
        }
        token = answer.NextToken;
        if (!token) break;
      }
      if (definitions.length === 0) return; // nothing usable: keep what we have (or the fallback)
      this.install(definitions);
      this.fetchedAt = startedAt;
    } catch (error) {
      this.log.warn(
        `X-Ray sampling rules not fetched, ${this.current.length > 0 ? 'keeping the previous ones' : 'using the default rule (1/s + 5 %)'}: ${(error as Error).message}`,
        'sampling rules',
      );
    }
  }

  private install(definitions: SamplingRuleDefinition[]): void {
    const previous = new Map(this.current.map((rule) => [rule.name, rule]));
    this.current = definitions
      .map((definition) => {
        const state = new SamplingRuleState(definition, RuleReservoir.centralized(definition.ReservoirSize));
        const before = previous.get(definition.RuleName);
        if (before) state.inheritFrom(before);
        return state;
      })
      .sort(byPriority);
  }
}

/** The fields the sampler relies on have the right types (the proxy is trusted, but not blindly). */
function isWellFormed(rule: SamplingRuleDefinition): boolean {
  const strings = [
    rule.RuleName,
    rule.ServiceName,
    rule.ServiceType,
    rule.Host,
    rule.HTTPMethod,
    rule.URLPath,
    rule.ResourceARN,
  ];
  return (
    strings.every((value) => typeof value === 'string') &&
    [rule.Priority, rule.FixedRate, rule.ReservoirSize, rule.Version].every((value) => typeof value === 'number')
  );
}
