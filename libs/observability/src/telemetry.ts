import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { installDiagLogger } from './diag.logger';
import type { ObservabilityOptions } from './observability.options';
import { RandomTraceFlagTracerProvider, XrayIdGenerator, createPropagator } from './propagation';
import { DistrustedParentLinker } from './propagation/distrusted-parent.linker';
import { DistrustingPropagator } from './propagation/distrusting.propagator';
import { SecretAttributeRedactor } from './redaction/secret-attribute.redactor';
import { createSampler } from './sampling';
import { XraySegmentProcessor } from './xray';

/** What startTelemetry leaves running: flush it before exiting. */
export interface Telemetry {
  readonly enabled: boolean;
  /** Sends what is queued (spans over OTLP, segments over UDP). */
  forceFlush(): Promise<void>;
  /** Flushes, then stops exporting. */
  shutdown(): Promise<void>;
}

const DISABLED: Telemetry = { enabled: false, forceFlush: async () => undefined, shutdown: async () => undefined };

/**
 * Starts tracing for this process: one OpenTelemetry SDK that makes every
 * decision (ids, context, sampling), exports spans over OTLP/HTTP, and mirrors
 * each sampled span into X-Ray. Call it before Nest (and `http`) load: each
 * app's `telemetry.ts`, imported first by its `main.ts`.
 */
export function startTelemetry(options: ObservabilityOptions): Telemetry {
  if (!options.enabled) return DISABLED;
  installDiagLogger(options.serviceName);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const propagator = createPropagator();
  propagation.setGlobalPropagator(
    options.distrustIncomingTraceContext ? new DistrustingPropagator(propagator) : propagator,
  );

  const exporterConfig = {
    url: `${options.otlp.endpoint.replace(/\/$/, '')}/v1/traces`,
    headers: options.otlp.headers,
  };
  const exporter =
    options.otlp.protocol === 'http/json'
      ? new OtlpJsonExporter(exporterConfig)
      : new OtlpProtoExporter(exporterConfig);
  const spanProcessors: SpanProcessor[] = [
    ...(options.distrustIncomingTraceContext ? [new DistrustedParentLinker()] : []),
    new SecretAttributeRedactor(), // before the exporters: what they read is already masked
    new BatchSpanProcessor({
      exporter,
      exportTimeoutMillis: 5000,
      scheduledDelayMillis: options.otlp.scheduledDelayMs,
      maxQueueSize: options.otlp.maxQueueSize,
      maxExportBatchSize: Math.min(512, options.otlp.maxQueueSize),
    }),
  ];
  if (options.xray.enabled) {
    spanProcessors.push(
      new XraySegmentProcessor({
        serviceName: options.serviceName,
        daemonAddress: options.xray.daemonAddress,
        dynamicNamingPattern: options.xray.dynamicNamingPattern,
      }),
    );
  }
  const sampler = createSampler(options.sampling, {
    serviceName: options.serviceName,
    daemonAddress: options.xray.daemonAddress,
  });
  const idGenerator = new XrayIdGenerator();
  const sdkProvider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.version': options.serviceVersion,
      'deployment.environment.name': options.environment,
    }),
    idGenerator,
    sampler,
    spanProcessors,
  });
  // The SDK keeps only the sampled flag on new spans; this keeps Trace Context Level 2's random-trace-id flag too.
  const provider = new RandomTraceFlagTracerProvider(sdkProvider, { randomRootTraceIds: idGenerator.randomTraceIds });
  trace.setGlobalTracerProvider(provider);
  // Incoming HTTP only: outgoing calls are traced by the dependency clients themselves
  // (with the called service's name), and the telemetry clients' own calls must not be.
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Its `url.query` redacts only a fixed list of names: SecretAttributeRedactor applies ours to it.
      new HttpInstrumentation({ disableOutgoingRequestInstrumentation: true }),
    ],
  });
  return {
    enabled: true,
    forceFlush: () => sdkProvider.forceFlush(),
    shutdown: async () => {
      sampler.shutdown();
      await sdkProvider.shutdown();
    },
  };
}

export { readObservabilityOptions } from './observability-options.reader';
export { readLoggingOptions, readReportingOptions } from './reporting-options.reader';
