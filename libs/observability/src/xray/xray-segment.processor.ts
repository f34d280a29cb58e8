import { ThrottledWarning } from '@app/common';
import { diag, TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { type SpanConversionOptions, toXrayDocument } from './span-document.converter';
import { TrackedUdpSocket } from './tracked-udp.socket';
import { configureEmitter, emit, releaseEmitter } from './xray-sdk.bridge';
import { messageOf } from '@app/common';

/** Options of {@link XraySegmentProcessor}. */
export interface XraySegmentProcessorOptions extends SpanConversionOptions {
  /** `host:port` of the X-Ray daemon (UDP). */
  daemonAddress: string;
}

/**
 * Mirrors every finished, sampled OpenTelemetry span into AWS X-Ray: one
 * document per span (a segment for the service's share of a request, an
 * independent subsegment for the rest), built with aws-xray-sdk-core's
 * classes and sent over UDP by its emitter. Ids, parents, timing and sampling
 * are OpenTelemetry's, so both systems show the same tree.
 *
 * Never throws into the request path: a span that cannot be converted is
 * counted and reported through OpenTelemetry's diag logger, at most once a minute.
 * The SDK's emitter is process-wide: the last processor constructed owns it.
 */
export class XraySegmentProcessor implements SpanProcessor {
  private readonly socket = new TrackedUdpSocket();
  private readonly failures = new ThrottledWarning((message) => diag.warn(`X-Ray segment processor: ${message}`));
  private stopped = false;

  constructor(private readonly options: XraySegmentProcessorOptions) {
    configureEmitter(options.daemonAddress, this.socket);
  }

  /** Spans that could not be converted or handed to the emitter since start. */
  get failureCount(): number {
    return this.failures.count;
  }

  onStart(): void {
    // Documents are built from finished spans only: X-Ray gets each one once, complete.
  }

  onEnd(span: ReadableSpan): void {
    if (this.stopped) return;
    try {
      if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
      emit(toXrayDocument(span, this.options));
    } catch (error) {
      const reason = messageOf(error);
      this.failures.warn(`converting a span to an X-Ray document failed: ${reason}`);
    }
  }

  /** Resolves once every document handed to the emitter so far has left the process. */
  forceFlush(): Promise<void> {
    return this.socket.idle();
  }

  /** Sends what is pending, then stops converting spans and closes the socket. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.socket.close();
    releaseEmitter(this.socket);
  }
}
