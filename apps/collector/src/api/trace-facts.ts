import type { OtelSpan } from '../store/otel-span';
import type { TraceRecord } from '../store/trace.store';
import type { XraySegmentDocument } from '../store/xray-segment';
import { assembleTrace, walk } from '../xray';
import type { Health, TraceListItem, Transport } from './explorer.contract';
import { nanosToMs } from './nanos';
import { healthOfSegment, healthOfSpan, statusCodeOfSpan, worse } from './health';
import { summarize } from './trace-summary';
import { transportOfSpan, transportOfSubsegment } from './transport';

/** One call from a service to another, as one view shows it. */
export interface TraceCall {
  from: string;
  to: string;
  transport: Transport;
  /** The caller's side (CLIENT/PRODUCER span, remote subsegment): start (epoch ms), duration, health. */
  startTime: number;
  durationMs: number;
  health: Health;
}

/** One request handled by a service (SERVER/CONSUMER span, or segment). */
export interface TraceRequest {
  service: string;
  startTime: number;
  durationMs: number;
  health: Health;
}

/** What the list, its filters and the map read from a trace, computed once per change of the trace. */
export interface TraceFacts {
  /** The list line, with `hasError` kept for the earlier clients of `GET /api/traces`. */
  item: TraceListItem & { hasError: boolean };
  /** Names of every span and every (sub)segment. */
  names: Set<string>;
  /** `key=value` of every X-Ray annotation and of every span attribute listed in `aws.xray.annotations`. */
  annotations: Set<string>;
  /** `from->to:transport` of every call in either view. */
  edges: Set<string>;
  otel: { requests: TraceRequest[]; calls: TraceCall[] };
  xray: { requests: TraceRequest[]; calls: TraceCall[] };
}

const cache = new WeakMap<TraceRecord, { revision: string; facts: TraceFacts }>();

/** Changes with every write to the record (updatedAt alone has millisecond resolution). */
const revisionOf = (record: TraceRecord) =>
  `${record.updatedAt}/${record.spans.size}/${record.segments.size}/${record.bytes}`;

/** The facts of a trace, from a cache that a write to the record invalidates. */
export function factsOf(record: TraceRecord): TraceFacts {
  const revision = revisionOf(record);
  const cached = cache.get(record);
  if (cached?.revision === revision) return cached.facts;
  const facts = computeFacts(record);
  cache.set(record, { revision, facts });
  return facts;
}

export const edgeKey = (call: Pick<TraceCall, 'from' | 'to' | 'transport'>) =>
  `${call.from}->${call.to}:${call.transport}`;

const spanDurationMs = (span: OtelSpan) => nanosToMs(span.endTimeUnixNano) - nanosToMs(span.startTimeUnixNano);
const documentDurationMs = (document: XraySegmentDocument) =>
  ((document.end_time ?? document.start_time) - document.start_time) * 1000;

function computeFacts(record: TraceRecord): TraceFacts {
  const summary = summarize(record);
  const spans = [...record.spans.values()];
  const documents = assembleTrace(record);
  const nodes = documents.flatMap((document) => [...walk(document)]);
  const spanIds = new Set(spans.map((span) => span.spanId));
  const roots = spans
    .filter((span) => !span.parentSpanId || !spanIds.has(span.parentSpanId))
    .sort((a, b) => nanosToMs(a.startTimeUnixNano) - nanosToMs(b.startTimeUnixNano));
  const rootSpan = roots[0];
  const segments = documents.filter((document) => document.type !== 'subsegment');
  const rootSegment = segments.find((segment) => !segment.parent_id) ?? segments[0];

  let health: Health = 'ok';
  for (const span of spans) health = worse(health, healthOfSpan(span));
  for (const node of nodes) health = worse(health, healthOfSegment(node));

  const httpStatus = rootSpan ? statusCodeOfSpan(rootSpan) : rootSegment?.http?.response?.status;
  const otel = otelParts(spans);
  const xray = xrayParts(segments);
  const item = {
    traceId: summary.traceId,
    xrayTraceId: summary.xrayTraceId,
    rootName: summary.rootName,
    rootService: rootSpan?.serviceName ?? rootSegment?.name ?? '',
    services: summary.services,
    startTime: summary.startTime,
    durationMs: summary.durationMs,
    spanCount: summary.spanCount,
    segmentCount: summary.segmentCount,
    health,
    ...(httpStatus !== undefined && isHttpRoot(rootSpan, rootSegment) ? { httpStatus } : {}),
    updatedAt: summary.updatedAt,
    hasError: summary.hasError,
  };
  return {
    item,
    names: new Set([...spans.map((span) => span.name), ...nodes.map((node) => node.name)]),
    annotations: annotationsOf(spans, nodes),
    edges: new Set([...otel.calls, ...xray.calls].map(edgeKey)),
    otel,
    xray,
  };
}

function isHttpRoot(span: OtelSpan | undefined, segment: XraySegmentDocument | undefined): boolean {
  if (span) return 'http.request.method' in span.attributes || 'http.method' in span.attributes;
  return segment?.http !== undefined;
}

function annotationsOf(spans: OtelSpan[], nodes: XraySegmentDocument[]): Set<string> {
  const pairs = new Set<string>();
  for (const node of nodes)
    for (const [key, value] of Object.entries(node.annotations ?? {})) pairs.add(`${key}=${String(value)}`);
  for (const span of spans) {
    const listed = span.attributes['aws.xray.annotations'];
    const keys = typeof listed === 'string' ? [listed] : Array.isArray(listed) ? listed : [];
    for (const key of keys) {
      if (typeof key !== 'string' || !(key in span.attributes)) continue;
      const value = span.attributes[key];
      // Both the attribute's key and X-Ray's form of it (characters outside [A-Za-z0-9_] made `_`).
      pairs.add(`${key}=${String(value)}`);
      pairs.add(`${key.replace(/[^A-Za-z0-9_]/g, '_')}=${String(value)}`);
    }
  }
  return pairs;
}

/** Requests from SERVER/CONSUMER spans; calls from CLIENT/PRODUCER spans that have a child in another service. */
function otelParts(spans: OtelSpan[]): TraceFacts['otel'] {
  const children = new Map<string, OtelSpan[]>();
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    const siblings = children.get(span.parentSpanId);
    if (siblings) siblings.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const requests: TraceRequest[] = [];
  const calls: TraceCall[] = [];
  for (const span of spans) {
    const figures = { startTime: nanosToMs(span.startTimeUnixNano), durationMs: spanDurationMs(span) };
    if (span.kind === 'SERVER' || span.kind === 'CONSUMER')
      requests.push({ service: span.serviceName, ...figures, health: healthOfSpan(span) });
    if (span.kind !== 'CLIENT' && span.kind !== 'PRODUCER') continue;
    const callee = (children.get(span.spanId) ?? []).find((child) => child.serviceName !== span.serviceName);
    if (!callee) continue;
    const transport = transportOfSpan(span.attributes);
    calls.push({ from: span.serviceName, to: callee.serviceName, transport, ...figures, health: healthOfSpan(span) });
  }
  return { requests, calls };
}

/** Requests from segments; calls from remote subsegments that a segment of the trace answered. */
function xrayParts(segments: XraySegmentDocument[]): TraceFacts['xray'] {
  const answeredBy = new Map(segments.flatMap((segment) => (segment.parent_id ? [[segment.parent_id, segment]] : [])));
  const requests: TraceRequest[] = [];
  const calls: TraceCall[] = [];
  for (const segment of segments) {
    const figures = (document: XraySegmentDocument) => ({
      startTime: document.start_time * 1000,
      durationMs: documentDurationMs(document),
      health: healthOfSegment(document),
    });
    requests.push({ service: segment.name, ...figures(segment) });
    for (const node of walk(segment)) {
      const callee = answeredBy.get(node.id);
      if (node === segment || node.namespace !== 'remote' || !callee || callee.name === segment.name) continue;
      calls.push({ from: segment.name, to: callee.name, transport: transportOfSubsegment(node), ...figures(node) });
    }
  }
  return { requests, calls };
}
