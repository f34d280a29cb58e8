import { readFileSync } from 'node:fs';
import { RuleReservoir } from './rule-reservoir';
import {
  DEFAULT_RULE,
  isApplicable,
  readRuleDefinition,
  type SamplingRuleDefinition,
} from './sampling-rule.definition';
import { byPriority, SamplingRuleState } from './sampling-rule.state';
import type { RuleSource } from './rules.sampler';

/**
 * Reads sampling rules from a JSON file in `CreateSamplingRule`'s input
 * shape, `{"SamplingRule": {...}}`, or several as `{"SamplingRules": [...]}`.
 * Throws an Error naming the file when it cannot be read or a rule is invalid:
 * a wrong sampling file is a configuration error to see at start.
 */
export function readSamplingRuleFile(file: string): SamplingRuleDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Sampling rules file ${file} could not be read: ${(error as Error).message}`, { cause: error });
  }
  const document = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (document.SamplingRule !== undefined) return [readRuleDefinition(document.SamplingRule, `${file} SamplingRule`)];
  if (Array.isArray(document.SamplingRules)) {
    return document.SamplingRules.map((rule, index) => readRuleDefinition(rule, `${file} SamplingRules[${index}]`));
  }
  throw new Error(`Sampling rules file ${file} must hold {"SamplingRule": {...}} or {"SamplingRules": [...]}`);
}

/**
 * Local rules, as X-Ray's SDKs apply a local rules file: each rule's
 * ReservoirSize is its own per-second reservoir in this process. X-Ray's
 * Default rule (1/s + 5 %) comes last unless the file redefines `Default`.
 */
export class StaticRuleSource implements RuleSource {
  private readonly states: readonly SamplingRuleState[];

  constructor(definitions: readonly SamplingRuleDefinition[]) {
    const applicable = definitions.filter(isApplicable);
    const withDefault = applicable.some((rule) => rule.RuleName === DEFAULT_RULE.RuleName)
      ? applicable
      : [...applicable, DEFAULT_RULE];
    this.states = withDefault
      .map((definition) => new SamplingRuleState(definition, RuleReservoir.fixed(definition.ReservoirSize)))
      .sort(byPriority);
  }

  rules(): readonly SamplingRuleState[] {
    return this.states;
  }
}
