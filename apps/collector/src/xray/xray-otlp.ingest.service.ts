import { xrayDocumentOfOtlpSpan } from '@app/observability';
import { Injectable } from '@nestjs/common';
import { messageOf } from '@app/common';
import { StatsService } from '../common/stats.service';
import type { OtelSpan } from '../store/otel-span';
import { SegmentIngestService } from './segment.ingest.service';
import { spanOverLimit } from './xray-otlp.limits';

/** What became of the spans of one X-Ray OTLP request. */
export interface XrayOtlpIngestResult {
  converted: number;
  refused: number;
  /** The first few reasons, for partial_success. */
  errors: string[];
}

/**
 * X-Ray's OTLP endpoint: each span becomes a segment document with the observability library's
 * converter (the one the services' daemon mode uses, modelled on the awsxray exporter's
 * translator), and goes through the same validation and store as the daemon's documents. A span
 * AWS's endpoint would refuse (over 200 KB, outside its time window) is refused here too.
 */
@Injectable()
export class XrayOtlpIngestService {
  constructor(
    private readonly ingest: SegmentIngestService,
    private readonly stats: StatsService,
  ) {}

  ingestSpans(spans: OtelSpan[]): XrayOtlpIngestResult {
    const result: XrayOtlpIngestResult = { converted: 0, refused: 0, errors: [] };
    const refuse = (span: OtelSpan, reason: string) => {
      result.refused += 1;
      if (result.errors.length < 5) result.errors.push(`span ${span.spanId}: ${reason}`);
    };
    for (const span of spans) {
      const overLimit = spanOverLimit(span);
      if (overLimit !== undefined) {
        this.stats.count('xray_otlp', 'rejected');
        refuse(span, overLimit);
        continue;
      }
      let document: string;
      try {
        document = xrayDocumentOfOtlpSpan(span);
      } catch (error) {
        // The ingest service counts the documents it refuses; a span that never became one is counted here.
        this.stats.count('xray_otlp', 'rejected');
        refuse(span, `cannot be converted to a segment document: ${messageOf(error)}`);
        continue;
      }
      const ingested = this.ingest.ingest(document, 'xray_otlp');
      if (ingested.ok) result.converted += 1;
      else refuse(span, ingested.message);
    }
    return result;
  }
}
