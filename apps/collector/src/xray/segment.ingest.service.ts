import { JsonTooDeepError, parseJson } from '@app/common';
import { Injectable } from '@nestjs/common';
import { StatsService } from '../common/stats.service';
import { TraceStore } from '../store/trace.store';
import type { SegmentOrigin } from '../store/xray-segment';
import { MAX_SEGMENT_DOCUMENT_BYTES } from './xray.constants';
import { validateSegmentDocument } from './segment.validator';

/** The outcome of one document: kept, or refused with the reason (and the document's id when it had one). */
export type IngestResult = { ok: true; id: string } | { ok: false; id?: string; message: string };

/**
 * Validates and stores segment documents, whichever way they came (daemon UDP
 * or PutTraceSegments), and counts them: one place, so both paths keep
 * exactly the same documents.
 */
@Injectable()
export class SegmentIngestService {
  constructor(
    private readonly store: TraceStore,
    private readonly stats: StatsService,
  ) {}

  /** Parses, validates and stores one JSON segment document. */
  ingest(json: string, origin: SegmentOrigin): IngestResult {
    const result = this.tryIngest(json, origin);
    this.stats.count(origin, result.ok ? 'accepted' : 'rejected');
    return result;
  }

  private tryIngest(json: string, origin: SegmentOrigin): IngestResult {
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_SEGMENT_DOCUMENT_BYTES) {
      return {
        ok: false,
        message: `segment document is ${bytes} bytes, more than the limit of ${MAX_SEGMENT_DOCUMENT_BYTES}`,
      };
    }
    let parsed: unknown;
    try {
      parsed = parseJson(json);
    } catch (error) {
      // Refused before JSON.parse: the store's readers (structuredClone, tree walks) would overflow the stack on it.
      if (error instanceof JsonTooDeepError)
        return { ok: false, message: `segment document refused: ${error.message}` };
      return { ok: false, message: `segment document is not valid JSON: ${(error as Error).message}` };
    }
    const checked = validateSegmentDocument(parsed);
    if (!checked.ok) return checked;
    this.store.addSegment(checked.document, checked.traceId, origin, bytes);
    return { ok: true, id: checked.document.id };
  }
}
