/**
 * A sampling rule as X-Ray's API writes it (`CreateSamplingRule`'s
 * `SamplingRule`, `GetSamplingRules`' records): which requests it matches
 * (`*` and `?` wildcards, case-insensitive) and how many it records.
 */
export interface SamplingRuleDefinition {
  RuleName: string;
  /** Lower first; ties by name. The `Default` rule has 10000. */
  Priority: number;
  /** Share of requests recorded once the reservoir is used up, 0..1. */
  FixedRate: number;
  /** Requests recorded per second before the fixed rate applies. */
  ReservoirSize: number;
  ServiceName: string;
  ServiceType: string;
  Host: string;
  HTTPMethod: string;
  URLPath: string;
  ResourceARN: string;
  Version: number;
  Attributes?: Record<string, string>;
}

/** X-Ray's own fallback: one request a second plus 5 % of the others, for everything. */
export const DEFAULT_RULE: SamplingRuleDefinition = {
  RuleName: 'Default',
  Priority: 10000,
  FixedRate: 0.05,
  ReservoirSize: 1,
  ServiceName: '*',
  ServiceType: '*',
  Host: '*',
  HTTPMethod: '*',
  URLPath: '*',
  ResourceARN: '*',
  Version: 1,
};

const MATCHERS = ['ServiceName', 'ServiceType', 'Host', 'HTTPMethod', 'URLPath', 'ResourceARN'] as const;

/**
 * Reads one rule from parsed JSON, or throws an Error saying what is wrong
 * (prefixed with `where`). Matchers left out match everything, as `*` would.
 */
export function readRuleDefinition(raw: unknown, where: string): SamplingRuleDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${where}: a sampling rule must be an object`);
  const rule = raw as Record<string, unknown>;
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  const name = rule.RuleName;
  if (typeof name !== 'string' || name === '') fail('RuleName must be a non-empty string');
  const number = (key: string, check: (n: number) => boolean, what: string): number => {
    const value = rule[key];
    return typeof value === 'number' && check(value) ? value : fail(`${key} must be ${what}`);
  };
  const definition: SamplingRuleDefinition = {
    ...DEFAULT_RULE,
    RuleName: name as string,
    Priority: number('Priority', (n) => Number.isInteger(n) && n >= 1 && n <= 10000, 'an integer from 1 to 10000'),
    FixedRate: number('FixedRate', (n) => n >= 0 && n <= 1, 'a number from 0 to 1'),
    ReservoirSize: number('ReservoirSize', (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer'),
    Version: rule.Version === undefined ? 1 : number('Version', (n) => n === 1, '1'),
  };
  for (const key of MATCHERS) {
    const value = rule[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '') fail(`${key} must be a non-empty string`);
    definition[key] = value as string;
  }
  if (rule.Attributes !== undefined) {
    if (typeof rule.Attributes !== 'object' || rule.Attributes === null) fail('Attributes must be an object');
    definition.Attributes = rule.Attributes as Record<string, string>;
  }
  return definition;
}

/**
 * Whether this process can apply the rule at all. Like X-Ray's SDKs: only
 * version 1 rules for every resource (`ResourceARN` `*`) and without
 * attribute conditions, which a request's attributes cannot be matched against here.
 */
export function isApplicable(rule: SamplingRuleDefinition): boolean {
  return rule.Version === 1 && rule.ResourceARN === '*' && Object.keys(rule.Attributes ?? {}).length === 0;
}
