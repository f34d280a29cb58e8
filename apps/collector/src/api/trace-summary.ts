import { toXrayTraceId } from '@app/common';
import type { OtelSpan } from '../store/otel-span';
import type { TraceRecord } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { walk } from '../xray/trace.view';
import { nanosToMs } from './nanos';

/** One line of the trace list: what both views say about a trace, side by side. */
export interface TraceSummary {
  traceId: string;
  xrayTraceId: string;
  /** Name of the root: the span without a parent here, else the segment without one, else the earliest. */
  rootName: string;
  services: string[];
  /** Epoch milliseconds. */
  startTime: number;
  durationMs: number;
  spanCount: number;
  /** X-Ray segments and subsegments, nested ones included, each once. */
  segmentCount: number;
  /** A span with ERROR status, or a segment with `error` or `fault`. */
  hasError: boolean;
  updatedAt: number;
}

function spanBounds(spans: OtelSpan[]): [number, number] | undefined {
  if (spans.length === 0) return undefined;
  return [
    Math.min(...spans.map((s) => nanosToMs(s.startTimeUnixNano))),
    Math.max(...spans.map((s) => nanosToMs(s.endTimeUnixNano))),
  ];
}

function segmentBounds(segments: XraySegmentDocument[]): [number, number] | undefined {
  if (segments.length === 0) return undefined;
  const starts = segments.map((s) => s.start_time * 1000);
  const ends = segments.map((s) => (s.end_time ?? s.start_time) * 1000);
  return [Math.min(...starts), Math.max(...ends)];
}

export function summarize(record: TraceRecord): TraceSummary {
  const spans = [...record.spans.values()];
  const segments = [...record.segments.values()];
  // Every (sub)segment once: the documents as stored and what is nested in them (a segment sent
  // with its subsegments inside, as the SDKs and the library's mirror send one), by id.
  const nodes = [
    ...new Map(segments.flatMap((document) => [...walk(document)]).map((node) => [node.id, node])).values(),
  ];
  const spanIds = new Set(spans.map((s) => s.spanId));
  const rootSpan = spans.find((s) => !s.parentSpanId || !spanIds.has(s.parentSpanId));
  const rootSegment = segments.find((s) => !s.parent_id && s.type !== 'subsegment');
  const bounds = [spanBounds(spans), segmentBounds(segments)].filter((b): b is [number, number] => b !== undefined);
  const start = Math.min(...bounds.map((b) => b[0]));
  const end = Math.max(...bounds.map((b) => b[1]));
  const services = new Set([
    ...spans.map((s) => s.serviceName),
    ...segments.filter((s) => s.type !== 'subsegment').map((s) => s.name),
  ]);
  return {
    traceId: record.traceId,
    xrayTraceId: toXrayTraceId(record.traceId),
    rootName: rootSpan?.name ?? rootSegment?.name ?? spans[0]?.name ?? segments[0]?.name ?? '',
    services: [...services].sort(),
    startTime: start,
    durationMs: Math.round((end - start) * 1000) / 1000,
    spanCount: spans.length,
    segmentCount: nodes.length,
    hasError: spans.some((s) => s.status.code === 'ERROR') || nodes.some((s) => s.error === true || s.fault === true),
    updatedAt: record.updatedAt,
  };
}
