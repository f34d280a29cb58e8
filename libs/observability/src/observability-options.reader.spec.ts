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

describe('readObservabilityOptions: AWS_XRAY_MODE', () => {
  const read = (env: Record<string, string>) =>
    readObservabilityOptions(env, { serviceName: 'gateway', serviceVersion: '0' }).xray;

  it('is daemon by default, off when AWS_XRAY_SDK_ENABLED=false', () => {
    expect(read({}).mode).toBe('daemon');
    expect(read({ AWS_XRAY_SDK_ENABLED: 'false' }).mode).toBe('off');
    expect(read({ AWS_XRAY_MODE: 'OTLP' }).mode).toBe('otlp');
  });

  it("points otlp at the region's X-Ray OTLP endpoint unless AWS_XRAY_OTLP_ENDPOINT says otherwise", () => {
    expect(read({ AWS_REGION: 'eu-west-1' })).toMatchObject({
      otlpEndpoint: 'https://xray.eu-west-1.amazonaws.com/v1/traces',
      region: 'eu-west-1',
      localCredentials: undefined,
    });
    // The collector checks no signature: with no credentials configured, placeholders sign.
    expect(read({ AWS_XRAY_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }).localCredentials).toEqual({
      accessKeyId: 'local',
      secretAccessKey: 'local',
    });
    expect(
      read({ AWS_XRAY_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces', AWS_ACCESS_KEY_ID: 'AKIA' }).localCredentials,
    ).toBeUndefined();
  });

  it('refuses an unknown mode, and a mode that contradicts AWS_XRAY_SDK_ENABLED=false', () => {
    expect(() => read({ AWS_XRAY_MODE: 'agent' })).toThrow(/AWS_XRAY_MODE must be daemon, otlp, off, got "agent"/);
    expect(() => read({ AWS_XRAY_MODE: 'otlp', AWS_XRAY_SDK_ENABLED: 'false' })).toThrow(
      /AWS_XRAY_SDK_ENABLED=false turns X-Ray off, but AWS_XRAY_MODE says "otlp"/,
    );
  });
});
