import path from 'node:path';
import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { createPropagator } from '../propagation/propagator.factory';
import { UNDECIDED_TRACE_STATE_KEY } from '../propagation/undecided.marker';
import { createSampler } from './sampler.factory';
import { FakeSamplingProxy } from './testing/sampling-proxy.fixture';
import { CRUDDUR_RULE, GET_HOME, sampleSteadily } from './testing/sampling.fixture';

const RULE_FILE = path.resolve(__dirname, '../../../../aws/json/xray.json');
const CONTEXT = { serviceName: 'gateway', daemonAddress: '127.0.0.1:2000' };
const TRACE = '5759e988bd862e3fe1be46a994272793';
const decide = (sampler: ReturnType<typeof createSampler>, parent = ROOT_CONTEXT) =>
  sampler.shouldSample(parent, TRACE, 'GET', SpanKind.SERVER, GET_HOME, []);

describe('createSampler', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it.each([
    ['always', SamplingDecision.RECORD_AND_SAMPLED],
    ['never', SamplingDecision.NOT_RECORD],
  ] as const)('mode %s decides roots accordingly and follows parents', (mode, decision) => {
    const sampler = createSampler({ mode }, CONTEXT);
    expect(decide(sampler).decision).toBe(decision);
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE,
      spanId: '53995c3f42cd8ad8',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(decide(sampler, sampledParent).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: TRACE,
      spanId: '53995c3f42cd8ad8',
      traceFlags: TraceFlags.NONE,
      isRemote: true,
    });
    expect(decide(sampler, unsampledParent).decision).toBe(SamplingDecision.NOT_RECORD);
    sampler.shutdown();
  });

  it('mode xray-file applies aws/json/xray.json: 5 a second plus 10 % of the rest, on the real clock API', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 10, 3) });
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const sampler = createSampler({ mode: 'xray-file', file: RULE_FILE }, CONTEXT);
    expect(sampleSteadily(sampler, (ms) => jest.advanceTimersByTime(ms), 20, 3)).toEqual([5, 5, 5]);
    (Math.random as jest.Mock).mockReturnValue(0.09);
    expect(sampleSteadily(sampler, (ms) => jest.advanceTimersByTime(ms), 20, 1)).toEqual([20]);
  });

  it('mode xray-file decides for an undecided X-Ray caller and strips the marker', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const sampler = createSampler({ mode: 'xray-file', file: RULE_FILE }, CONTEXT);
    const parent = createPropagator().extract(
      ROOT_CONTEXT,
      { 'x-amzn-trace-id': `Root=1-5759e988-bd862e3fe1be46a994272793` },
      defaultTextMapGetter,
    );
    const first = decide(sampler, parent);
    expect(first.decision).toBe(SamplingDecision.RECORD_AND_SAMPLED); // from the reservoir
    expect(first.traceState?.get(UNDECIDED_TRACE_STATE_KEY)).toBeUndefined();
    const decisions = Array.from({ length: 10 }, () => decide(sampler, parent).decision);
    expect(decisions.filter((d) => d === SamplingDecision.RECORD_AND_SAMPLED).length).toBeLessThan(10);
  });

  it('throws on a rules file it cannot use, and on a malformed daemon address', () => {
    expect(() => createSampler({ mode: 'xray-file', file: '/nonexistent/xray.json' }, CONTEXT)).toThrow(
      /xray\.json could not be read/,
    );
    expect(() => createSampler({ mode: 'xray-remote' }, { ...CONTEXT, daemonAddress: 'localhost' })).toThrow(
      /not host:port/,
    );
  });

  it('mode xray-remote fetches the rules from the daemon address and applies them', async () => {
    const proxy = await new FakeSamplingProxy().start();
    proxy.answer = () => ({
      body: {
        SamplingRuleRecords: [{ SamplingRule: { ...CRUDDUR_RULE, FixedRate: 0, ReservoirSize: 0, Attributes: {} } }],
      },
    });
    const sampler = createSampler({ mode: 'xray-remote' }, { ...CONTEXT, daemonAddress: proxy.address });
    try {
      // The rules arrive asynchronously (a busy machine may take a while): until then the default rule
      // samples one request a second and 5% of the rest, so 200 decisions in a row all NOT_RECORD mean
      // the Cruddur rule (no reservoir, rate 0) is applied.
      const cruddurRuleApplied = () =>
        Array.from({ length: 200 }, () => decide(sampler).decision).every((d) => d === SamplingDecision.NOT_RECORD);
      const deadline = Date.now() + 5000;
      while (!cruddurRuleApplied() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cruddurRuleApplied()).toBe(true);
      expect(proxy.calls.map((call) => call.path)).toEqual(['/GetSamplingRules']);
    } finally {
      sampler.shutdown();
      await proxy.stop();
    }
  });

  it('mode xray-remote never throws when the daemon is unreachable, and warns once', async () => {
    const proxy = await new FakeSamplingProxy().start();
    const address = proxy.address;
    await proxy.stop();
    const warn = jest.fn();
    const sampler = createSampler({ mode: 'xray-remote' }, { ...CONTEXT, daemonAddress: address, logger: { warn } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(() => decide(sampler)).not.toThrow();
    } finally {
      sampler.shutdown();
    }
  });
});
