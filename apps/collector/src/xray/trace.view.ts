import { toXrayTraceId } from '@app/common';
import type { TraceRecord } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { assembleTrace } from './segment.assembler';

/** One trace as the query operations see it: assembled documents and the facts they all need. */
export interface TraceView {
  /** Canonical (32 hex digits). */
  traceId: string;
  /** `1-xxxxxxxx-…`. */
  xrayTraceId: string;
  /** Assembled documents (see assembleTrace): segments, and subsegments whose parent never arrived. */
  documents: XraySegmentDocument[];
  /** The documents that are segments (a service's part of the trace). */
  segments: XraySegmentDocument[];
  /** The entry point: the earliest segment whose parent is not in the trace. */
  root?: XraySegmentDocument;
  startTime: number;
  endTime: number;
  /** Seconds from the first start to the last end. */
  duration: number;
  /** Some segment is still in progress. */
  partial: boolean;
  /** Changes whenever a document of the trace is added or replaced (the time of the last change, in ms). */
  revision: number;
}

/** End of a (sub)segment; an in-progress one counts as ending where it started. */
export const endOf = (document: XraySegmentDocument): number => document.end_time ?? document.start_time;

/** Every (sub)segment of a document, depth first, with the document itself first. */
export function* walk(document: XraySegmentDocument): Generator<XraySegmentDocument, void, undefined> {
  yield document;
  for (const child of document.subsegments ?? []) yield* walk(child);
}

/** The query view of a stored trace, or undefined when it has no X-Ray documents (OpenTelemetry only). */
export function traceViewOf(record: TraceRecord): TraceView | undefined {
  if (record.segments.size === 0) return undefined;
  const documents = assembleTrace(record);
  const segments = documents.filter((document) => document.type !== 'subsegment');
  const ids = new Set(documents.flatMap((document) => [...walk(document)].map((node) => node.id)));
  const root =
    segments.find((segment) => segment.parent_id === undefined || !ids.has(segment.parent_id)) ?? segments[0];
  const startTime = Math.min(...documents.map((document) => document.start_time));
  const endTime = Math.max(...documents.map(endOf));
  return {
    traceId: record.traceId,
    xrayTraceId: toXrayTraceId(record.traceId),
    documents,
    segments,
    root,
    startTime,
    endTime,
    duration: endTime - startTime,
    partial: documents.some((document) => [...walk(document)].some((node) => node.in_progress === true)),
    revision: Math.floor(record.updatedAt),
  };
}
