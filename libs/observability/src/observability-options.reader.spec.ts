import { ConfigError } from '@app/common';
import { readObservabilityOptions } from './observability-options.reader';

describe('readObservabilityOptions: DISTRUST_INCOMING_TRACE_CONTEXT', () => {
  const read = (env: Record<string, string>, publicEdge?: boolean) =>
    readObservabilityOptions(env, { serviceName: 'gateway', serviceVersion: '0', publicEdge })
      .distrustIncomingTraceContext;

  it('is off by default, on when the public edge sets it', () => {
    expect(read({}, true)).toBe(false);
    expect(read({ DISTRUST_INCOMING_TRACE_CONTEXT: 'true' }, true)).toBe(true);
  });

  it('never applies to an internal service, whose callers are the suite', () => {
    expect(read({ DISTRUST_INCOMING_TRACE_CONTEXT: 'true' })).toBe(false);
  });

  it('refuses a value that is not a flag, naming the variable', () => {
    expect(() => read({ DISTRUST_INCOMING_TRACE_CONTEXT: 'maybe' }, true)).toThrow(ConfigError);
    expect(() => read({ DISTRUST_INCOMING_TRACE_CONTEXT: 'maybe' }, true)).toThrow(/DISTRUST_INCOMING_TRACE_CONTEXT/);
  });
});
