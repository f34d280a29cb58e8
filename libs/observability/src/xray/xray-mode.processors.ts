import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ObservabilityOptions } from '../observability.options';
import { batchProcessor } from '../sdk/trace-exporters.factory';
import { XrayOtlpSpanExporter } from './otlp/xray-otlp.span-exporter';
import { XraySegmentProcessor } from './xray-segment.processor';

/**
 * What feeds the X-Ray view, by AWS_XRAY_MODE: `daemon` mirrors each sampled span into an X-Ray
 * document sent over UDP; `otlp` exports the spans to X-Ray's OTLP endpoint, SigV4-signed, in
 * batches bounded like the OTLP export's (OTEL_BSP_*), and sends no UDP at all; `off` nothing.
 */
export function createXrayProcessors(options: ObservabilityOptions): SpanProcessor[] {
  const { xray } = options;
  switch (xray.mode) {
    case 'off':
      return [];
    case 'daemon':
      return [
        new XraySegmentProcessor({
          serviceName: options.serviceName,
          serviceVersion: options.serviceVersion,
          daemonAddress: xray.daemonAddress,
          dynamicNamingPattern: xray.dynamicNamingPattern,
        }),
      ];
    case 'otlp': {
      const placeholders = xray.localCredentials;
      const exporter = new XrayOtlpSpanExporter({
        endpoint: xray.otlpEndpoint,
        region: xray.region,
        timeoutMs: options.otlp.timeoutMs,
        // Undefined: the AWS SDK's usual credential chain.
        credentials: placeholders ? () => Promise.resolve(placeholders) : undefined,
      });
      return [batchProcessor(exporter, options.otlp)];
    }
  }
}
