import { ROOT_CONTEXT, trace, TraceFlags, type Context, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import { XraySegmentProcessor, type XraySegmentProcessorOptions } from '../xray-segment.processor';
import { UdpDaemonFixture } from './udp-daemon.fixture';

/** A real TracerProvider whose only processor is an XraySegmentProcessor sending to a fixture daemon. */
export interface XrayTracing {
  daemon: UdpDaemonFixture;
  processor: XraySegmentProcessor;
  tracer: Tracer;
  provider: TracerProvider;
  close(): Promise<void>;
}

/** Starts a fixture daemon and a provider for `serviceName` (resource `service.version` = 1.2.3). */
export async function startXrayTracing(
  options: Partial<XraySegmentProcessorOptions> = {},
  sampler: Sampler = new AlwaysOnSampler(),
): Promise<XrayTracing> {
  const daemon = await UdpDaemonFixture.start();
  const serviceName = options.serviceName ?? 'gateway';
  const processor = new XraySegmentProcessor({ serviceName, daemonAddress: daemon.address, ...options });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': '1.2.3' }),
    sampler,
    spanProcessors: [processor],
  });
  return {
    daemon,
    processor,
    provider,
    tracer: provider.getTracer('xray-spec'),
    close: async () => {
      await provider.shutdown();
      await daemon.close();
    },
  };
}

/** A context whose parent is a span of another process (as a propagator extracts it). */
export function remoteParent(traceId: string, spanId: string, sampled = true): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId,
    traceFlags: sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
  });
}
