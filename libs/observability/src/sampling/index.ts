export { createSampler } from './sampler.factory';
export type { ObservabilitySampler, SamplerContext } from './sampler.factory';
export type { SamplingLogger } from './throttled.log';
export type { SamplingRuleDefinition } from './sampling-rule.definition';
export { readSamplingRuleFile } from './rule-file.reader';
