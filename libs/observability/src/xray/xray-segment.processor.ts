import { messageOf, ThrottledWarning } from '@app/common';
import { diag, trace, TraceFlags, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { isSegmentSpan, type SpanConversionOptions, toXrayDocument } from './span-document.converter';
import { nestSubsegments } from './subsegment-nesting';
import { DEFAULT_SUBSEGMENT_HOLDER_LIMITS, SubsegmentHolder, type SubsegmentHolderLimits } from './subsegment.holder';
import { TrackedUdpSocket } from './tracked-udp.socket';
import type { XrayDocument } from './xray-document.types';
import { configureEmitter, emit, MAX_DOCUMENT_BYTES, releaseEmitter } from './xray-sdk.bridge';

/** Options of {@link XraySegmentProcessor}. */
export interface XraySegmentProcessorOptions extends SpanConversionOptions {
  /** `host:port` of the X-Ray daemon (UDP). */
  daemonAddress: string;
  /** How many finished subsegments wait for their segment (defaults: 100 per segment, 2,000 in all). */
  holderLimits?: SubsegmentHolderLimits;
}

/**
 * Mirrors every finished, sampled OpenTelemetry span into AWS X-Ray. Ids, parents, timing
 * and sampling are OpenTelemetry's, so both systems show the same tree.
 *
 * As aws-xray-sdk-core does, a service's work for one request goes out as one document: the
 * segment (its SERVER or CONSUMER span, or a local root) with the subsegments that ended
 * before it nested inside, one UDP datagram through the SDK's emitter. A subsegment that
 * ends after its segment, that finds a limit reached, or that a flush finds waiting, goes out
 * on its own as an independent subsegment (`type`, `trace_id`, `parent_id`); so does every
 * subsegment when the whole would not fit in one datagram. Nothing is dropped.
 *
 * Never throws into the request path: a span that cannot be converted is counted and
 * reported through OpenTelemetry's diag logger, at most once a minute.
 * The SDK's emitter is process-wide: the last processor constructed owns it.
 */
export class XraySegmentProcessor implements SpanProcessor {
  private readonly socket = new TrackedUdpSocket();
  private readonly failures = new ThrottledWarning((message) => diag.warn(`X-Ray segment processor: ${message}`));
  private readonly holder: SubsegmentHolder;
  private stopped = false;

  constructor(private readonly options: XraySegmentProcessorOptions) {
    this.holder = new SubsegmentHolder(options.holderLimits ?? DEFAULT_SUBSEGMENT_HOLDER_LIMITS);
    configureEmitter(options.daemonAddress, this.socket);
  }

  /** Spans that could not be converted or handed to the emitter since start. */
  get failureCount(): number {
    return this.failures.count;
  }

  /** Subsegments sent on their own because a holding limit was reached (not lost: just not nested). */
  get streamedCount(): number {
    return this.holder.streamed;
  }

  onStart(span: Span, parentContext: Context): void {
    if (this.stopped) return;
    try {
      if (!isSampled(span)) return;
      if (isSegmentSpan(span)) return this.holder.openSegment(span);
      const parent = trace.getSpan(parentContext);
      if (parent && parent.spanContext().spanId === span.parentSpanContext?.spanId) this.holder.join(span, parent);
    } catch (error) {
      this.failures.warn(`tracking a span for its X-Ray segment failed: ${messageOf(error)}`);
    }
  }

  onEnd(span: ReadableSpan): void {
    if (this.stopped) return;
    try {
      if (!isSampled(span)) return;
      const document = toXrayDocument(span, this.options);
      if (document.type === 'subsegment') this.holder.hold(span, document).forEach((held) => this.send(held));
      else this.sendSegment(document, this.holder.close(span));
    } catch (error) {
      this.failures.warn(`converting a span to an X-Ray document failed: ${messageOf(error)}`);
    }
  }

  /** Sends the subsegments still waiting for their segment, then resolves once every document handed over has left the process. */
  forceFlush(): Promise<void> {
    this.sendWaiting();
    return this.socket.idle();
  }

  /** Sends what is pending, then stops converting spans and closes the socket. */
  async shutdown(): Promise<void> {
    this.sendWaiting();
    this.stopped = true;
    await this.socket.close();
    releaseEmitter(this.socket);
  }

  /** The segment with what it held nested inside, as one datagram when it fits in one. */
  private sendSegment(segment: XrayDocument, held: XrayDocument[]): void {
    const nested = nestSubsegments(segment, held);
    const json = JSON.stringify(nested.segment);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most segments fit without counting their bytes.
    if (held.length === 0 || json.length * 3 <= MAX_DOCUMENT_BYTES || Buffer.byteLength(json) <= MAX_DOCUMENT_BYTES) {
      this.send(nested.segment, json);
      nested.unplaced.forEach((document) => this.send(document));
    } else {
      this.send(segment);
      held.forEach((document) => this.send(document));
    }
  }

  private sendWaiting(): void {
    if (this.stopped) return;
    for (const document of this.holder.drain()) this.send(document);
  }

  private send(document: XrayDocument, json?: string): void {
    try {
      emit(document, json);
    } catch (error) {
      this.failures.warn(`sending an X-Ray document failed: ${messageOf(error)}`);
    }
  }
}

function isSampled(span: ReadableSpan): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}
