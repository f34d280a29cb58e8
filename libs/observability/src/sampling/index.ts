export { createSampler } from './sampler.factory';
export type { ObservabilitySampler, SamplerContext, SamplingLogger } from './sampler.factory';
export type { SamplingRuleDefinition } from './sampling-rule.definition';
export { readSamplingRuleFile } from './rule-file.reader';
