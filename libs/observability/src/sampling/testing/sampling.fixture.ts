import { ROOT_CONTEXT, SpanKind, type Attributes } from '@opentelemetry/api';
import { SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace';
import { DEFAULT_RULE, type SamplingRuleDefinition } from '../sampling-rule.definition';

/** The bootcamp's rule, as aws/json/xray.json holds it. Test helpers only. */
export const CRUDDUR_RULE: SamplingRuleDefinition = {
  ...DEFAULT_RULE,
  RuleName: 'Cruddur',
  Priority: 9000,
  FixedRate: 0.1,
  ReservoirSize: 5,
  ServiceName: 'gateway',
};

/** A seeded uniform generator (mulberry32), so rate tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A manual clock in epoch ms. */
export function manualClock(start = Date.UTC(2026, 10, 3)): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

export const GET_HOME: Attributes = {
  'http.request.method': 'GET',
  'url.path': '/api/activities/home',
  'server.address': 'localhost',
};

/** Counts the root decisions of `perSecond` requests a second for `seconds` seconds. */
export function sampleSteadily(
  sampler: Sampler,
  advance: (ms: number) => void,
  perSecond: number,
  seconds: number,
  attributes = GET_HOME,
): number[] {
  const perSecondSampled: number[] = [];
  for (let second = 0; second < seconds; second++) {
    let sampled = 0;
    for (let i = 0; i < perSecond; i++) {
      if (
        sampler.shouldSample(ROOT_CONTEXT, '0'.repeat(31) + '1', 'GET', SpanKind.SERVER, attributes, []).decision ===
        SamplingDecision.RECORD_AND_SAMPLED
      )
        sampled++;
      advance(1000 / perSecond);
    }
    perSecondSampled.push(sampled);
  }
  return perSecondSampled;
}
