import { ConfigError } from '@app/common';
import { readSdkOptions } from './sdk-options.reader';

describe('readSdkOptions', () => {
  it("has the suite's defaults: OTLP, all three propagators, incoming HTTP only, no metrics or logs", () => {
    expect(readSdkOptions({})).toEqual({
      traceExporters: ['otlp'],
      propagators: ['tracecontext', 'baggage', 'xray'],
      enabledInstrumentations: ['http'],
      disabledInstrumentations: [],
      resourceDetectors: ['env', 'host', 'process'],
      metricsExporters: ['none'],
      logsExporters: ['none'],
    });
  });

  it('reads OTEL_TRACES_EXPORTER: several, console, none', () => {
    expect(readSdkOptions({ OTEL_TRACES_EXPORTER: 'otlp, console' }).traceExporters).toEqual(['otlp', 'console']);
    expect(readSdkOptions({ OTEL_TRACES_EXPORTER: 'console' }).traceExporters).toEqual(['console']);
    expect(readSdkOptions({ OTEL_TRACES_EXPORTER: 'none' }).traceExporters).toEqual([]);
  });

  it('reads OTEL_PROPAGATORS, none as the empty list', () => {
    expect(readSdkOptions({ OTEL_PROPAGATORS: 'xray' }).propagators).toEqual(['xray']);
    expect(readSdkOptions({ OTEL_PROPAGATORS: 'tracecontext,baggage' }).propagators).toEqual([
      'tracecontext',
      'baggage',
    ]);
    expect(readSdkOptions({ OTEL_PROPAGATORS: 'none' }).propagators).toEqual([]);
  });

  it('takes instrumentation names auto-instrumentations-node knows', () => {
    const options = readSdkOptions({
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,express,aws-sdk',
      OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'express',
    });
    expect(options.enabledInstrumentations).toEqual(['http', 'express', 'aws-sdk']);
    expect(options.disabledInstrumentations).toEqual(['express']);
  });

  it('takes the resource detectors, aws included, and the metrics and logs exporters as given', () => {
    const options = readSdkOptions({
      OTEL_NODE_RESOURCE_DETECTORS: 'env,aws',
      OTEL_METRICS_EXPORTER: 'console',
      OTEL_LOGS_EXPORTER: 'otlp',
    });
    expect(options).toMatchObject({
      resourceDetectors: ['env', 'aws'],
      metricsExporters: ['console'],
      logsExporters: ['otlp'],
    });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, /OTEL_TRACES_EXPORTER may list otlp, console \(or be none\), got "jaeger"/],
    [{ OTEL_TRACES_EXPORTER: 'otlp,none' }, /OTEL_TRACES_EXPORTER may list/],
    [
      { OTEL_PROPAGATORS: 'tracecontext,b3' },
      /OTEL_PROPAGATORS may list tracecontext, baggage, xray \(or be none\), got "b3"/,
    ],
    [
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,htp' },
      /OTEL_NODE_ENABLED_INSTRUMENTATIONS: no instrumentation "htp"/,
    ],
    [{ OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'nope' }, /OTEL_NODE_DISABLED_INSTRUMENTATIONS: no instrumentation "nope"/],
    [{ OTEL_NODE_RESOURCE_DETECTORS: 'env,cloud' }, /OTEL_NODE_RESOURCE_DETECTORS may list .*got "cloud"/],
    [
      { OTEL_METRICS_EXPORTER: 'statsd' },
      /OTEL_METRICS_EXPORTER may list otlp, console, prometheus or none, got "statsd"/,
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readSdkOptions(env)).toThrow(ConfigError);
    expect(() => readSdkOptions(env)).toThrow(message);
  });
});
