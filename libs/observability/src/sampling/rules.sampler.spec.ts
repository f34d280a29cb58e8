import { ROOT_CONTEXT, SpanKind, type Attributes } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { StaticRuleSource } from './rule-file.reader';
import { XrayRulesSampler } from './rules.sampler';
import { DEFAULT_RULE } from './sampling-rule.definition';
import { CRUDDUR_RULE, GET_HOME, manualClock, sampleSteadily, seededRandom } from './testing/sampling.fixture';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('XrayRulesSampler with local rules', () => {
  it("records the Cruddur rule's 5 a second plus about 10 % of the rest", () => {
    const clock = manualClock();
    const sampler = new XrayRulesSampler(new StaticRuleSource([CRUDDUR_RULE]), 'gateway', {
      now: clock.now,
      random: seededRandom(42),
    });
    const perSecond = sampleSteadily(sampler, clock.advance, 50, 10);
    // 10 × 5 from the reservoir, then 10 % of the other 450: about 95.
    expect(sum(perSecond)).toBeGreaterThanOrEqual(80);
    expect(sum(perSecond)).toBeLessThanOrEqual(110);
    for (const count of perSecond) expect(count).toBeGreaterThanOrEqual(5);
  });

  it('takes exactly the reservoir each second when the rate never fires, and everything when it always does', () => {
    const clock = manualClock();
    const never = new XrayRulesSampler(new StaticRuleSource([CRUDDUR_RULE]), 'gateway', {
      now: clock.now,
      random: () => 0.999,
    });
    expect(sampleSteadily(never, clock.advance, 40, 4)).toEqual([5, 5, 5, 5]);
    const always = new XrayRulesSampler(new StaticRuleSource([CRUDDUR_RULE]), 'gateway', {
      now: clock.now,
      random: () => 0.05,
    });
    expect(sampleSteadily(always, clock.advance, 40, 2)).toEqual([40, 40]);
  });

  it("applies X-Ray's Default rule (1/s + 5 %) to a service the rule does not name", () => {
    const clock = manualClock();
    const sampler = new XrayRulesSampler(new StaticRuleSource([CRUDDUR_RULE]), 'activities', {
      now: clock.now,
      random: () => 0.06,
    });
    expect(sampleSteadily(sampler, clock.advance, 20, 3)).toEqual([1, 1, 1]);
  });

  describe('matching', () => {
    const rule = (name: string, priority: number, fields: Partial<typeof DEFAULT_RULE>) => ({
      ...DEFAULT_RULE,
      RuleName: name,
      Priority: priority,
      ReservoirSize: 0,
      FixedRate: 1,
      ...fields,
    });
    // Everything not matched by a rule falls to a Default that records nothing.
    const source = new StaticRuleSource([
      rule('health', 10, { URLPath: '/api/health-check*', FixedRate: 0 }),
      rule('posts', 20, { HTTPMethod: 'POST', Host: '*.example.com' }),
      rule('feed', 30, { URLPath: '/api/activities/h?me' }),
      { ...DEFAULT_RULE, ReservoirSize: 0, FixedRate: 0 },
    ]);
    const sampler = new XrayRulesSampler(source, 'gateway', { now: Date.now, random: () => 0.5 });
    const decide = (attributes: Attributes) =>
      sampler.shouldSample(ROOT_CONTEXT, '1'.repeat(32), 'x', SpanKind.SERVER, attributes, []).decision;

    it.each<[string, Attributes, SamplingDecision]>([
      [
        'a path wildcard, first by priority',
        { 'url.path': '/api/health-check/ready', 'http.request.method': 'GET' },
        SamplingDecision.NOT_RECORD,
      ],
      ['? in a pattern', GET_HOME, SamplingDecision.RECORD_AND_SAMPLED],
      [
        'the older attribute names, query string left out',
        { 'http.method': 'GET', 'http.target': '/api/activities/home?x=1', 'http.host': 'localhost:4567' },
        SamplingDecision.RECORD_AND_SAMPLED,
      ],
      [
        'method and host, case-insensitive',
        { 'http.request.method': 'post', 'server.address': 'API.example.com', 'url.path': '/api/activities' },
        SamplingDecision.RECORD_AND_SAMPLED,
      ],
      [
        'a host that does not match',
        { 'http.request.method': 'POST', 'server.address': 'localhost', 'url.path': '/api/activities' },
        SamplingDecision.NOT_RECORD,
      ],
      ['no HTTP attributes at all (a TCP handler): the first rule', {}, SamplingDecision.NOT_RECORD],
    ])('matches %s', (_, attributes, decision) => {
      expect(decide(attributes)).toBe(decision);
    });
  });

  it('ignores rules it cannot apply (a resource ARN, attribute conditions)', () => {
    const clock = manualClock();
    const source = new StaticRuleSource([
      { ...CRUDDUR_RULE, RuleName: 'arn', Priority: 1, FixedRate: 1, ResourceARN: 'arn:aws:ecs:*' },
      { ...CRUDDUR_RULE, RuleName: 'attrs', Priority: 2, FixedRate: 1, Attributes: { team: 'a' } },
    ]);
    expect(source.rules().map((rule) => rule.name)).toEqual(['Default']);
    const sampler = new XrayRulesSampler(source, 'gateway', { now: clock.now, random: () => 0.5 });
    expect(sampleSteadily(sampler, clock.advance, 10, 1)).toEqual([1]);
  });
});
