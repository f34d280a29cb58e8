import { readableSpanOf, type OtlpSpanRecord } from './otlp-span.adapter';
import { toXrayDocument } from './span-document.converter';

const UNKNOWN_SERVICE = 'unknown_service';

/**
 * The X-Ray segment document (JSON text) for a span received over OTLP, as X-Ray's OTLP
 * endpoint makes one: the same converter as the daemon mode's (`toXrayDocument`), so both
 * modes give identical documents. The segment is named after the resource's `service.name`.
 * Throws when the span cannot be converted (the caller refuses that span alone).
 */
export function xrayDocumentOfOtlpSpan(span: OtlpSpanRecord): string {
  const serviceName = span.resource['service.name'];
  const document = toXrayDocument(readableSpanOf(span), {
    serviceName: typeof serviceName === 'string' && serviceName.length > 0 ? serviceName : UNKNOWN_SERVICE,
  });
  // The JSON text the daemon mode sends in its datagram.
  return JSON.stringify(document);
}
