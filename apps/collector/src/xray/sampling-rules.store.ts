import { Injectable } from '@nestjs/common';
import { ProtocolError } from '../common/protocol.error';
import { invalidRequest } from './xray-request.reader';
import { MAX_SAMPLING_RULES, XRAY_ACCOUNT_ID, XRAY_REGION } from './xray.constants';

/** SamplingRule as the X-Ray API reads and writes it. */
export interface SamplingRuleJson {
  RuleName: string;
  RuleARN: string;
  ResourceARN: string;
  Priority: number;
  FixedRate: number;
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  Version: number;
  /** The SDKs ignore a rule whose Attributes are missing, so it is always present. */
  Attributes: Record<string, string>;
}

/** SamplingRuleRecord: a rule with its times, in epoch seconds. */
export interface SamplingRuleRecordJson {
  SamplingRule: SamplingRuleJson;
  CreatedAt: number;
  ModifiedAt: number;
}

/** The fields an update may change (X-Ray's SamplingRuleUpdate; Version cannot change). */
export type SamplingRuleChanges = Partial<Omit<SamplingRuleJson, 'RuleName' | 'RuleARN' | 'Version'>>;

const DEFAULT_RULE = 'Default';
const ARN_PREFIX = `arn:aws:xray:${XRAY_REGION}:${XRAY_ACCOUNT_ID}:sampling-rule/`;
const now = (): number => Date.now() / 1000;

/**
 * Sampling rules, as the X-Ray API keeps them: the `Default` rule (priority
 * 10000, 5 % plus one request a second, matching everything), whose rate and
 * reservoir alone can change and which cannot be deleted, and at most 25
 * others with unique names.
 */
@Injectable()
export class SamplingRulesStore {
  private readonly rules = new Map<string, SamplingRuleRecordJson>();
  /** When a rule was last created, changed or deleted: clients reload their rules when this moves. */
  private lastModification = now();

  constructor() {
    const at = this.lastModification;
    this.rules.set(DEFAULT_RULE, {
      SamplingRule: {
        RuleName: DEFAULT_RULE,
        RuleARN: `${ARN_PREFIX}${DEFAULT_RULE}`,
        ResourceARN: '*',
        Priority: 10000,
        FixedRate: 0.05,
        ReservoirSize: 1,
        ServiceName: '*',
        ServiceType: '*',
        Host: '*',
        HTTPMethod: '*',
        URLPath: '*',
        Version: 1,
        Attributes: {},
      },
      CreatedAt: at,
      ModifiedAt: at,
    });
  }

  /** All rules, by priority then name (the order in which clients try them). */
  list(): SamplingRuleRecordJson[] {
    return [...this.rules.values()]
      .sort(
        (a, b) =>
          a.SamplingRule.Priority - b.SamplingRule.Priority ||
          a.SamplingRule.RuleName.localeCompare(b.SamplingRule.RuleName),
      )
      .map((record) => structuredClone(record));
  }

  get(name: string): SamplingRuleRecordJson | undefined {
    const record = this.rules.get(name);
    return record && structuredClone(record);
  }

  lastModifiedAt(): number {
    return this.lastModification;
  }

  create(rule: Omit<SamplingRuleJson, 'RuleARN'>): SamplingRuleRecordJson {
    if (this.rules.has(rule.RuleName)) throw invalidRequest(`A sampling rule named ${rule.RuleName} already exists`);
    if (this.rules.size - 1 >= MAX_SAMPLING_RULES) {
      throw new ProtocolError(
        400,
        'RuleLimitExceededException',
        `You have reached the limit of ${MAX_SAMPLING_RULES} sampling rules`,
      );
    }
    const at = this.touch();
    const record = {
      SamplingRule: { ...rule, RuleARN: `${ARN_PREFIX}${rule.RuleName}` },
      CreatedAt: at,
      ModifiedAt: at,
    };
    this.rules.set(rule.RuleName, record);
    return structuredClone(record);
  }

  update(selector: { name?: string; arn?: string }, changes: SamplingRuleChanges): SamplingRuleRecordJson {
    const record = this.find(selector);
    if (record.SamplingRule.RuleName === DEFAULT_RULE) {
      const forbidden = Object.keys(changes).filter((key) => key !== 'FixedRate' && key !== 'ReservoirSize');
      if (forbidden.length > 0)
        throw invalidRequest(
          `Only FixedRate and ReservoirSize of the Default rule can be changed, not ${forbidden.join(', ')}`,
        );
    }
    Object.assign(record.SamplingRule, changes);
    record.ModifiedAt = this.touch();
    return structuredClone(record);
  }

  delete(selector: { name?: string; arn?: string }): SamplingRuleRecordJson {
    const record = this.find(selector);
    if (record.SamplingRule.RuleName === DEFAULT_RULE)
      throw invalidRequest('The Default sampling rule cannot be deleted');
    this.rules.delete(record.SamplingRule.RuleName);
    this.touch();
    return structuredClone(record);
  }

  private touch(): number {
    this.lastModification = Math.max(now(), this.lastModification);
    return this.lastModification;
  }

  private find(selector: { name?: string; arn?: string }): SamplingRuleRecordJson {
    if (selector.name === undefined && selector.arn === undefined)
      throw invalidRequest('Either RuleName or RuleARN is required');
    const record =
      selector.name !== undefined
        ? this.rules.get(selector.name)
        : [...this.rules.values()].find((candidate) => candidate.SamplingRule.RuleARN === selector.arn);
    if (!record || (selector.arn !== undefined && record.SamplingRule.RuleARN !== selector.arn)) {
      throw invalidRequest(`Sampling rule not found: ${selector.name ?? selector.arn}`);
    }
    return record;
  }
}
