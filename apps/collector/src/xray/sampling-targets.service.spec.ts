import { SamplingRulesStore } from './sampling-rules.store';
import { SamplingTargetsService } from './sampling-targets.service';

const report = (client: string, rule = 'Cruddur') => ({
  RuleName: rule,
  ClientID: client,
  Timestamp: 0,
  RequestCount: 10,
  SampledCount: 1,
});

describe('SamplingTargetsService', () => {
  const rules = new SamplingRulesStore();
  rules.create({
    RuleName: 'Cruddur',
    ResourceARN: '*',
    Priority: 9000,
    FixedRate: 0.1,
    ReservoirSize: 5,
    ServiceName: 'backend-flask',
    ServiceType: '*',
    Host: '*',
    HTTPMethod: '*',
    URLPath: '*',
    Version: 1,
    Attributes: {},
  });

  afterEach(() => jest.useRealTimers());

  it("shares a rule's reservoir among the clients seen in the last 10 s, the quotas adding up to it", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const targets = new SamplingTargetsService(rules);
    expect(targets.targets([report('a'.repeat(24))]).SamplingTargetDocuments[0]).toEqual({
      RuleName: 'Cruddur',
      FixedRate: 0.1,
      ReservoirQuota: 5,
      ReservoirQuotaTTL: 1010,
      Interval: 10,
    });
    // Once b has reported too, each of them holds part of the reservoir.
    const quotas = ['b', 'a'].map(
      (c) => targets.targets([report(c.repeat(24))]).SamplingTargetDocuments[0].ReservoirQuota,
    );
    expect(quotas).toEqual([2, 3]);
    jest.setSystemTime(1_000_000 + 11_000);
    expect(targets.targets([report('b'.repeat(24))]).SamplingTargetDocuments[0].ReservoirQuota).toBe(5);
  });

  it('lists statistics for unknown rules as unprocessed', () => {
    const answer = new SamplingTargetsService(rules).targets([report('c'.repeat(24), 'Nope')]);
    expect(answer.SamplingTargetDocuments).toEqual([]);
    expect(answer.UnprocessedStatistics).toEqual([
      { RuleName: 'Nope', ErrorCode: '400', Message: 'Unknown sampling rule Nope' },
    ]);
  });
});
