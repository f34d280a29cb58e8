import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ObservabilityOptions } from '../observability.options';
import { XraySegmentProcessor } from './xray-segment.processor';

/**
 * What feeds the X-Ray view, by AWS_XRAY_MODE: `daemon` mirrors each sampled span into an X-Ray
 * document sent over UDP; `otlp` exports the spans to X-Ray's OTLP endpoint, SigV4-signed, and
 * sends no UDP at all; `off` nothing.
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
    case 'otlp':
      throw new Error('AWS_XRAY_MODE=otlp: not wired yet');
  }
}
