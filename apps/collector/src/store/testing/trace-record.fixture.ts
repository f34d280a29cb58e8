import type { TraceRecord } from '../trace.store';
import type { XraySegmentDocument } from '../xray-segment';

/** A trace record holding these X-Ray documents (and no spans), as the store would. */
export function traceRecordOf(traceId: string, ...documents: XraySegmentDocument[]): TraceRecord {
  return {
    traceId,
    segments: new Map(documents.map((document) => [document.id, document])),
    spans: new Map(),
    firstSeenAt: 0,
    updatedAt: 0,
    bytes: 0,
  };
}
