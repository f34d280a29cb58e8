import { type ProxyTracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { installDiagLogger } from './diag.logger';
import type { ObservabilityOptions } from './observability.options';
import { RandomTraceFlagTracerProvider, XrayIdGenerator, createPropagator } from './propagation';
import { DistrustedParentLinker } from './propagation/distrusted-parent.linker';
import { DistrustingPropagator } from './propagation/distrusting.propagator';
import { SecretAttributeRedactor } from './redaction/secret-attribute.redactor';
import { createSampler } from './sampling';
import { createInstrumentations, createResourceDetectors } from './sdk/auto-instrumentations.factory';
import { createTraceExportProcessors } from './sdk/trace-exporters.factory';
import { createXrayProcessors } from './xray/xray-mode.processors';

/** What startTelemetry leaves running: flush it before exiting. */
export interface Telemetry {
  readonly enabled: boolean;
  /** Sends what is queued (spans over OTLP, X-Ray documents over UDP or OTLP). */
  forceFlush(): Promise<void>;
  /** Flushes, then stops exporting. */
  shutdown(): Promise<void>;
}

const DISABLED: Telemetry = { enabled: false, forceFlush: async () => undefined, shutdown: async () => undefined };

/**
 * Starts tracing for this process on OpenTelemetry's NodeSDK: one SDK makes every decision (ids,
 * context, sampling), exports spans where OTEL_TRACES_EXPORTER says, and feeds X-Ray as
 * AWS_XRAY_MODE says. Call it before Nest (and `http`) load: each app's `telemetry.ts`, imported
 * first by its `main.ts`.
 */
export function startTelemetry(options: ObservabilityOptions): Telemetry {
  if (!options.enabled) return DISABLED;
  const propagator = createPropagator(options.sdk.propagators);
  const sampler = createSampler(options.sampling, {
    serviceName: options.serviceName,
    daemonAddress: options.xray.daemonAddress,
  });
  const idGenerator = new XrayIdGenerator();
  const spanProcessors: SpanProcessor[] = [
    ...(options.distrustIncomingTraceContext ? [new DistrustedParentLinker()] : []),
    // Before the exporters: what they read is already masked. Always there, so that with no
    // exporter at all (OTEL_TRACES_EXPORTER=none, AWS_XRAY_MODE=off) the SDK still makes spans,
    // whose ids the log lines, error reports and traceresponse carry.
    new SecretAttributeRedactor(),
    ...createTraceExportProcessors(options.sdk.traceExporters, options.otlp),
    ...createXrayProcessors(options),
  ];
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    resource: defaultResource().merge(
      resourceFromAttributes({
        'service.version': options.serviceVersion,
        'deployment.environment.name': options.environment,
      }),
    ),
    resourceDetectors: createResourceDetectors(options.sdk),
    contextManager: new AsyncLocalStorageContextManager(),
    textMapPropagator: options.distrustIncomingTraceContext ? new DistrustingPropagator(propagator) : propagator,
    sampler,
    idGenerator,
    spanProcessors,
    instrumentations: createInstrumentations(options.sdk),
    // `none` (the default): no provider at all. Otherwise the SDK builds them from OTEL_* itself.
    ...(options.sdk.metricsExporters.includes('none') ? { metricReaders: [] } : {}),
    ...(options.sdk.logsExporters.includes('none') ? { logRecordProcessors: [] } : {}),
  });
  // After the SDK's constructor, which installs a console logger when OTEL_LOG_LEVEL is set.
  installDiagLogger(options.serviceName);
  sdk.start();
  // The SDK keeps only the sampled flag on new spans; this keeps Trace Context Level 2's
  // random-trace-id flag too. The global provider is a proxy that the instrumentations (and the
  // library's tracer) already hold, and no span exists yet: swapping its delegate reaches them all.
  const proxy = trace.getTracerProvider() as ProxyTracerProvider;
  const sdkProvider = proxy.getDelegate();
  if (!(sdkProvider instanceof TracerProvider))
    throw new Error('startTelemetry: another tracer provider is registered');
  proxy.setDelegate(new RandomTraceFlagTracerProvider(sdkProvider, { randomRootTraceIds: idGenerator.randomTraceIds }));
  return {
    enabled: true,
    forceFlush: () => sdkProvider.forceFlush(),
    shutdown: async () => {
      sampler.shutdown();
      await sdk.shutdown();
    },
  };
}

export { readObservabilityOptions } from './observability-options.reader';
export { readLoggingOptions, readReportingOptions } from './reporting-options.reader';
