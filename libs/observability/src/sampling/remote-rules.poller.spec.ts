import { ThrottledWarning } from '@app/common';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed } from '@opentelemetry/core';
import { RemoteRulesPoller } from './remote-rules.poller';
import { XrayRulesSampler } from './rules.sampler';
import { SamplingProxyClient } from './sampling-proxy.client';
import { FakeSamplingProxy, type ProxyCall } from './testing/sampling-proxy.fixture';
import { CRUDDUR_RULE, manualClock, sampleSteadily } from './testing/sampling.fixture';
import { DEFAULT_RULE } from './sampling-rule.definition';

const record = (rule: object) => ({
  SamplingRule: { ...rule, RuleARN: 'arn:x', Attributes: {} },
  CreatedAt: 0,
  ModifiedAt: 0,
});

describe('RemoteRulesPoller against a daemon proxy', () => {
  let proxy: FakeSamplingProxy;
  let clock: ReturnType<typeof manualClock>;
  let warnings: string[];
  let lastModification: number;

  const setup = (address = proxy.address) => {
    const runtime = { now: clock.now, random: () => 0.999 }; // the fixed rate never fires: counts show the reservoir
    const poller = new RemoteRulesPoller(
      new SamplingProxyClient({ host: '127.0.0.1', port: Number(address.split(':')[1]) }, 500),
      new ThrottledWarning((message) => warnings.push(message), { now: clock.now }),
      runtime,
    );
    return { poller, sampler: new XrayRulesSampler(poller, 'gateway', runtime) };
  };

  beforeEach(async () => {
    clock = manualClock();
    warnings = [];
    lastModification = clock.now() / 1000 - 60;
    proxy = await new FakeSamplingProxy().start();
    proxy.answer = (call: ProxyCall) =>
      call.path === '/GetSamplingRules'
        ? { body: { SamplingRuleRecords: [record(DEFAULT_RULE), record(CRUDDUR_RULE)] } }
        : {
            body: {
              SamplingTargetDocuments: [
                {
                  RuleName: 'Cruddur',
                  FixedRate: 0.1,
                  ReservoirQuota: 3,
                  ReservoirQuotaTTL: clock.now() / 1000 + 10,
                  Interval: 10,
                },
              ],
              LastRuleModification: lastModification,
              UnprocessedStatistics: [],
            },
          };
  });
  afterEach(() => proxy.stop());

  it('applies the fetched rules, borrowing one a second until targets grant the quota', async () => {
    const { poller, sampler } = setup();
    await poller.refreshRules();
    expect(proxy.calls).toEqual([expect.objectContaining({ path: '/GetSamplingRules', body: {} })]);
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Cruddur', 'Default']);

    expect(sampleSteadily(sampler, clock.advance, 20, 2)).toEqual([1, 1]);

    await poller.refreshTargets();
    const report = proxy.calls[1];
    expect(report.path).toBe('/SamplingTargets');
    expect(report.body).toEqual({
      SamplingStatisticsDocuments: [
        {
          RuleName: 'Cruddur',
          ClientID: poller.clientId,
          Timestamp: Math.floor(clock.now() / 1000),
          RequestCount: 40,
          SampledCount: 2,
          BorrowCount: 2,
        },
      ],
    });
    expect(poller.clientId).toMatch(/^[0-9a-f]{24}$/);
    expect(sampleSteadily(sampler, clock.advance, 20, 2)).toEqual([3, 3]);
  });

  it('reports a rule only when it was matched and its interval has passed', async () => {
    const { poller, sampler } = setup();
    await poller.refreshRules();
    await poller.refreshTargets();
    expect(proxy.calls.map((call) => call.path)).toEqual(['/GetSamplingRules']); // nothing matched yet
    sampleSteadily(sampler, clock.advance, 1, 1);
    await poller.refreshTargets();
    sampleSteadily(sampler, clock.advance, 1, 1);
    await poller.refreshTargets(); // 1 s later: not due
    expect(proxy.calls.filter((call) => call.path === '/SamplingTargets')).toHaveLength(1);
  });

  it('reloads the rules when SamplingTargets says they changed', async () => {
    const { poller, sampler } = setup();
    await poller.refreshRules();
    sampleSteadily(sampler, clock.advance, 1, 1);
    lastModification = clock.now() / 1000;
    await poller.refreshTargets();
    expect(proxy.calls.map((call) => call.path)).toEqual([
      '/GetSamplingRules',
      '/SamplingTargets',
      '/GetSamplingRules',
    ]);
  });

  it('calls the proxy with tracing suppressed, whatever context the caller is in', async () => {
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    const seen: boolean[] = [];
    const http = jest.requireActual<typeof import('node:http')>('node:http');
    const request = http.request;
    const spy = jest.spyOn(http, 'request').mockImplementation(((...args: Parameters<typeof request>) => {
      seen.push(isTracingSuppressed(context.active()));
      return request(...args);
    }) as typeof request);
    try {
      await setup().poller.refreshRules();
      expect(seen).toEqual([true]);
    } finally {
      spy.mockRestore();
      context.disable();
    }
  });

  it('falls back to the default rule (1/s + 5 %) while the daemon is unreachable, warning once a minute', async () => {
    const address = proxy.address;
    await proxy.stop();
    const { poller, sampler } = setup(address);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(poller.refreshRules()).resolves.toBeUndefined();
      clock.advance(10_000);
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/X-Ray sampling rules not fetched, using the default rule .*ECONNREFUSED/);
    expect(sampleSteadily(sampler, clock.advance, 10, 2)).toEqual([1, 1]);
    clock.advance(60_000);
    await poller.refreshRules();
    expect(warnings[1]).toMatch(/\d+ similar warning\(s\) held back/);
    proxy = await new FakeSamplingProxy().start(); // for afterEach
  });

  it('retries a failed first rules fetch at the next targets tick, not 5 minutes later', async () => {
    // A service starting on a busy machine, or before its daemon: the first fetch fails.
    const answer = proxy.answer;
    proxy.answer = () => ({ status: 503, body: { message: 'not yet' } });
    const { poller } = setup();
    await poller.refreshRules();
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Default']);
    proxy.answer = answer;
    clock.advance(10_000);
    await poller.refreshTargets();
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Cruddur', 'Default']);
  });

  it.each([
    ['an error status', { status: 500, body: { message: 'boom' } }, /answered 500/],
    ['something other than JSON', { body: 'not json' }, /other than JSON/],
  ])('keeps the previous rules when the proxy answers %s', async (_, answer, warning) => {
    const { poller } = setup();
    await poller.refreshRules();
    proxy.answer = () => answer;
    await poller.refreshRules();
    expect(warnings).toEqual([expect.stringMatching(warning)]);
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Cruddur', 'Default']);
  });

  it('drops rules an hour old for the default rule', async () => {
    const { poller } = setup();
    await poller.refreshRules();
    clock.advance(3_600_001);
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Default']);
  });

  it('skips rules the SDKs cannot apply and malformed records', async () => {
    proxy.answer = () => ({
      body: {
        SamplingRuleRecords: [
          record(DEFAULT_RULE),
          record({ ...CRUDDUR_RULE, RuleName: 'arn', ResourceARN: 'arn:aws:ecs:x' }),
          record({ ...CRUDDUR_RULE, RuleName: 'v2', Version: 2 }),
          record({ ...CRUDDUR_RULE, RuleName: 'broken', FixedRate: '0.1' }),
          {},
        ],
      },
    });
    const { poller } = setup();
    await poller.refreshRules();
    expect(poller.rules(clock.now() / 1000).map((rule) => rule.name)).toEqual(['Default']);
  });

  it('starts polling at once and stops', async () => {
    const { poller } = setup();
    poller.start();
    poller.start(); // idempotent
    await new Promise((resolve) => setTimeout(resolve, 100));
    poller.stop();
    expect(proxy.calls.map((call) => call.path)).toEqual(['/GetSamplingRules']);
  });
});
