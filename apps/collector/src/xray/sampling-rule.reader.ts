import type { SamplingRuleChanges, SamplingRuleJson } from './sampling-rules.store';
import { invalidRequest, type XrayRequestReader } from './xray-request.reader';

// X-Ray's model constraints on sampling rule fields.
const LIMITS = { ServiceName: 64, ServiceType: 64, Host: 64, HTTPMethod: 10, URLPath: 128, ResourceARN: 500 } as const;
type LimitedField = keyof typeof LIMITS;

function ruleNumbers(
  rule: XrayRequestReader,
  required: boolean,
): Pick<SamplingRuleChanges, 'Priority' | 'FixedRate' | 'ReservoirSize'> {
  const priority = rule.number('Priority', { required, min: 1, max: 9999, integer: true });
  const fixedRate = rule.number('FixedRate', { required, min: 0, max: 1 });
  const reservoirSize = rule.number('ReservoirSize', { required, min: 0, integer: true });
  return {
    ...(priority !== undefined ? { Priority: priority } : {}),
    ...(fixedRate !== undefined ? { FixedRate: fixedRate } : {}),
    ...(reservoirSize !== undefined ? { ReservoirSize: reservoirSize } : {}),
  };
}

function ruleStrings(rule: XrayRequestReader, required: boolean): Pick<SamplingRuleChanges, LimitedField> {
  const strings: Pick<SamplingRuleChanges, LimitedField> = {};
  for (const field of Object.keys(LIMITS) as LimitedField[]) {
    const value = rule.string(field, { required, max: LIMITS[field] });
    if (value !== undefined) strings[field] = value;
  }
  return strings;
}

/** The SamplingRule of a CreateSamplingRule request, every required member checked. */
export function readNewSamplingRule(body: XrayRequestReader): Omit<SamplingRuleJson, 'RuleARN'> {
  const rule = body.structure('SamplingRule', { required: true });
  const name = rule.string('RuleName', { required: true, min: 1, max: 32 });
  const version = rule.number('Version', { required: true, min: 1, integer: true });
  if (version !== 1) throw invalidRequest(`Sampling rule Version ${version} is not supported; the only version is 1`);
  const numbers = ruleNumbers(rule, true) as Required<ReturnType<typeof ruleNumbers>>;
  const strings = ruleStrings(rule, true) as Required<ReturnType<typeof ruleStrings>>;
  return {
    RuleName: name,
    ...strings,
    ...numbers,
    Version: version,
    Attributes: rule.stringMap('Attributes', 32, 32) ?? {},
  };
}

/** The SamplingRuleUpdate of an UpdateSamplingRule request: which rule, and the members given. */
export function readSamplingRuleUpdate(body: XrayRequestReader): {
  selector: { name?: string; arn?: string };
  changes: SamplingRuleChanges;
} {
  const update = body.structure('SamplingRuleUpdate', { required: true });
  const name = update.string('RuleName', { min: 1, max: 32 });
  const arn = update.string('RuleARN');
  const attributes = update.stringMap('Attributes', 32, 32);
  return {
    selector: { name, arn },
    changes: {
      ...ruleNumbers(update, false),
      ...ruleStrings(update, false),
      ...(attributes ? { Attributes: attributes } : {}),
    },
  };
}
