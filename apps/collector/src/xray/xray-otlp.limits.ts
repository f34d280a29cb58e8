import type { OtelSpan } from '../store/otel-span';

/**
 * The limits of X-Ray's OTLP endpoint as AWS documents them (CloudWatch, "OTLP Endpoints"), so
 * that what the emulation accepts is what AWS would: a request of more spans is refused whole, a
 * span beyond the size or the time window alone.
 */
export const XRAY_OTLP_LIMITS = {
  /** Bytes of a request's body once decompressed. */
  requestBytes: 5 * 1024 * 1024,
  spansPerRequest: 10_000,
  /** Bytes of one span (as JSON here: the collector's measure of a span's size). */
  spanBytes: 200 * 1024,
  pastMs: 14 * 24 * 3600 * 1000,
  futureMs: 2 * 3600 * 1000,
} as const;

/** Why X-Ray's OTLP endpoint would refuse the request as a whole, or undefined. */
export function requestOverLimit(spans: readonly OtelSpan[]): string | undefined {
  return spans.length > XRAY_OTLP_LIMITS.spansPerRequest
    ? `X-Ray's OTLP endpoint takes at most ${XRAY_OTLP_LIMITS.spansPerRequest} spans per request, got ${spans.length}`
    : undefined;
}

/** Why X-Ray's OTLP endpoint would refuse this span, or undefined. */
export function spanOverLimit(span: OtelSpan, now = Date.now()): string | undefined {
  const bytes = JSON.stringify(span).length;
  if (bytes > XRAY_OTLP_LIMITS.spanBytes) {
    return `span is ${bytes} bytes, over the endpoint's ${XRAY_OTLP_LIMITS.spanBytes} per span`;
  }
  const startMs = Number(BigInt(span.startTimeUnixNano) / 1_000_000n);
  if (startMs < now - XRAY_OTLP_LIMITS.pastMs) return 'span starts more than 14 days in the past';
  if (startMs > now + XRAY_OTLP_LIMITS.futureMs) return 'span starts more than 2 hours in the future';
  return undefined;
}
