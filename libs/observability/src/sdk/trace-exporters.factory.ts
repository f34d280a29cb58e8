import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { OtlpExportOptions, TraceExporterName } from '../observability.options';

/** The OTLP exporter of the configured protocol, every setting passed in (the options were read from OTEL_*). */
function otlpExporter(options: OtlpExportOptions): SpanExporter {
  const compression = options.compression === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;
  const common = { url: options.url, timeoutMillis: options.timeoutMs, compression };
  switch (options.protocol) {
    case 'grpc':
      // gRPC carries headers as metadata; the exporter reads OTEL_EXPORTER_OTLP_[TRACES_]HEADERS for it itself.
      return new OtlpGrpcExporter(common);
    case 'http/json':
      return new OtlpJsonExporter({ ...common, headers: options.headers });
    case 'http/protobuf':
      return new OtlpProtoExporter({ ...common, headers: options.headers });
  }
}

/**
 * A batch processor over `exporter`, bounded by OTEL_BSP_MAX_QUEUE_SIZE (beyond it new spans are
 * dropped; the SDK counts them and the diag logger warns once a minute).
 */
export function batchProcessor(exporter: SpanExporter, options: OtlpExportOptions): SpanProcessor {
  return new BatchSpanProcessor({
    exporter,
    exportTimeoutMillis: options.batchExportTimeoutMs,
    scheduledDelayMillis: options.scheduledDelayMs,
    maxQueueSize: options.maxQueueSize,
    maxExportBatchSize: Math.min(512, options.maxQueueSize),
  });
}

/**
 * One processor per OTEL_TRACES_EXPORTER entry: `otlp` batched, `console` printed as each span
 * ends (the SDK's own console exporter, for a look without any backend).
 */
export function createTraceExportProcessors(names: TraceExporterName[], options: OtlpExportOptions): SpanProcessor[] {
  return names.map((name) =>
    name === 'console'
      ? new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() })
      : batchProcessor(otlpExporter(options), options),
  );
}
