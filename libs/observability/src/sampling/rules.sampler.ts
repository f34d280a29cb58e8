import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import { samplingRequestOf } from './sampling-request';
import type { SamplingRuleState } from './sampling-rule.state';

/** Where the rules in force come from (a file, or the daemon's proxy). */
export interface RuleSource {
  /** The rules to apply now, in order; the last should match everything. @param now epoch seconds */
  rules(now: number): readonly SamplingRuleState[];
}

/** Clock and randomness of a sampler, replaceable in tests. */
export interface SamplerRuntime {
  /** Epoch milliseconds. @default Date.now */
  now: () => number;
  /** Uniform in [0, 1). @default Math.random */
  random: () => number;
}

/** Looked up on each call, so that fake timers and spies installed later apply. */
export const REAL_RUNTIME: SamplerRuntime = { now: () => Date.now(), random: () => Math.random() };

/**
 * X-Ray's rule-based root sampler: the first rule matching the request
 * (service name, host, method, path) decides, from its reservoir, then its fixed rate.
 */
export class XrayRulesSampler implements Sampler {
  constructor(
    private readonly source: RuleSource,
    private readonly serviceName: string,
    private readonly runtime: SamplerRuntime = REAL_RUNTIME,
  ) {}

  shouldSample(
    _context: Context,
    _traceId: string,
    _name: string,
    _kind: SpanKind,
    attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    const now = this.runtime.now() / 1000;
    const request = samplingRequestOf(attributes, this.serviceName);
    const rule = this.source.rules(now).find((candidate) => candidate.matches(request));
    const sampled = rule !== undefined && rule.decide(now, this.runtime.random);
    return { decision: sampled ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return `XrayRulesSampler{service=${this.serviceName}}`;
  }
}
