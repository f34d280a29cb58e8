import { createHash } from 'node:crypto';
import type { OtelSpan } from '../store/otel-span';
import type { XraySegmentDocument } from '../store/xray-segment';
import { type TimedNode, criticalPath } from './critical-path';
import type { Disagreement, TraceAnalysis } from './explorer.contract';
import { healthOfSegment, healthOfSpan } from './health';
import { nanosToMs } from './nanos';

/** Beyond this, a span's and its document's start or end differ (the mirror copies them exactly). */
const TIMING_TOLERANCE_MS = 1;

/**
 * The synthetic parent span id the suite's propagator gives a request whose
 * X-Amzn-Trace-Id had a Root but no Parent (libs/observability's
 * rootOnlyParentSpanId); the mirror sends such a segment without parent_id.
 */
function rootOnlyParentSpanId(traceId: string): string {
  const id = createHash('sha256').update(`x-amzn-root-only:${traceId}`).digest('hex').slice(0, 16);
  return /^0+$/.test(id) ? '0000000000000001' : id;
}

interface PlacedDocument {
  document: XraySegmentDocument;
  /** parent_id, or for a nested subsegment the (sub)segment it sits in. */
  parentId?: string;
}

function placeDocuments(documents: XraySegmentDocument[]): Map<string, PlacedDocument> {
  const placed = new Map<string, PlacedDocument>();
  const visit = (document: XraySegmentDocument, enclosing?: string) => {
    placed.set(document.id, { document, parentId: enclosing ?? document.parent_id });
    for (const child of document.subsegments ?? []) visit(child, document.id);
  };
  for (const document of documents) visit(document);
  return placed;
}

const describeHealth = (health: string) => (health === 'ok' ? 'no error' : health);

/**
 * The critical path of a trace (from its spans, or from its X-Ray documents
 * when it has no spans) and where its two views disagree: every span of the
 * suite is mirrored by one (sub)segment with the same id, parent, timing and status.
 */
export function analyzeTrace(traceId: string, spans: OtelSpan[], documents: XraySegmentDocument[]): TraceAnalysis {
  const placed = placeDocuments(documents);
  const nodes: TimedNode[] =
    spans.length > 0
      ? spans.map((span) => ({
          id: span.spanId,
          parentId: span.parentSpanId,
          start: nanosToMs(span.startTimeUnixNano),
          end: nanosToMs(span.endTimeUnixNano),
        }))
      : [...placed.values()].map(({ document, parentId }) => ({
          id: document.id,
          parentId,
          start: document.start_time * 1000,
          end: (document.end_time ?? document.start_time) * 1000,
        }));
  return { criticalPath: criticalPath(nodes), disagreements: disagreements(traceId, spans, placed) };
}

function disagreements(traceId: string, spans: OtelSpan[], placed: Map<string, PlacedDocument>): Disagreement[] {
  const found: Disagreement[] = [];
  const syntheticParent = rootOnlyParentSpanId(traceId);
  const spanIds = new Set(spans.map((span) => span.spanId));
  for (const span of spans) {
    const id = span.spanId;
    const mirror = placed.get(id);
    if (!mirror) {
      found.push({
        id,
        kind: 'missing-document',
        detail: `span "${span.name}" (${span.serviceName}) has no X-Ray document`,
      });
      continue;
    }
    const { document, parentId } = mirror;
    const expectedParent = span.parentSpanId === syntheticParent ? undefined : span.parentSpanId;
    if ((expectedParent ?? null) !== (parentId ?? null))
      found.push({
        id,
        kind: 'parent',
        detail: `span's parent is ${span.parentSpanId ?? 'none'}, document's is ${parentId ?? 'none'}`,
      });
    const start = nanosToMs(span.startTimeUnixNano);
    const end = nanosToMs(span.endTimeUnixNano);
    const documentStart = document.start_time * 1000;
    const documentEnd = document.end_time === undefined ? undefined : document.end_time * 1000;
    if (
      Math.abs(start - documentStart) > TIMING_TOLERANCE_MS ||
      documentEnd === undefined ||
      Math.abs(end - documentEnd) > TIMING_TOLERANCE_MS
    )
      found.push({
        id,
        kind: 'timing',
        detail:
          `span ${start.toFixed(3)}–${end.toFixed(3)} ms, document ${documentStart.toFixed(3)}–` +
          `${documentEnd === undefined ? 'in progress' : documentEnd.toFixed(3)} ms (epoch)`,
      });
    const spanHealth = healthOfSpan(span);
    const documentHealth = healthOfSegment(document);
    if (spanHealth !== documentHealth)
      found.push({
        id,
        kind: 'status',
        detail: `span ${span.status.code} (${describeHealth(spanHealth)}), document ${describeHealth(documentHealth)}`,
      });
  }
  for (const { document } of placed.values())
    if (!spanIds.has(document.id))
      found.push({ id: document.id, kind: 'missing-span', detail: `document "${document.name}" has no span` });
  return found;
}
