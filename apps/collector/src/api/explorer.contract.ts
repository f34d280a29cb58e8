/**
 * The read API's shapes that the trace explorer page uses: imported by the
 * collector's controllers and, type-only, by the page, so the two cannot drift.
 * Times are epoch milliseconds; durations milliseconds.
 */
import type { OtelSpan } from '../store/otel-span';
import type { XraySegmentDocument } from '../store/xray-segment';

export type { OtelSpan } from '../store/otel-span';
export type { XraySegmentDocument } from '../store/xray-segment';

/** Health as the X-Ray console colours it: fault (5xx), error (4xx), throttle (429), else ok. */
export type Health = 'ok' | 'error' | 'fault' | 'throttle';

/** The window a service map covers, ending now. */
export type MapWindow = '5m' | '15m' | '1h' | 'all';
export const MAP_WINDOWS: readonly MapWindow[] = ['5m', '15m', '1h', 'all'];

/** How a caller reached a callee: HTTP, a TCP request/response, or a TCP event. */
export type Transport = 'http' | 'tcp-request' | 'tcp-event';

/** The figures of a node or an edge of the map, over the window. */
export interface MapFigures {
  /** Requests (node) or calls (edge) in the window. */
  count: number;
  /** `count` divided by the window's length in seconds (for `all`: the span of the data held). */
  perSecond: number;
  /** Shares of `count`, from 0 to 1. */
  errorRate: number;
  faultRate: number;
  throttleRate: number;
  p50Ms: number;
  p99Ms: number;
  /** The worst of fault, throttle, error that occurred; ok when none did. */
  health: Health;
}

export interface MapNode extends MapFigures {
  /** The service's name (OTel `service.name`, X-Ray segment name). */
  name: string;
}

export interface MapEdge extends MapFigures {
  from: string;
  to: string;
  transport: Transport;
}

export interface ServiceMapView {
  nodes: MapNode[];
  edges: MapEdge[];
}

/** A node or an edge one view has and the other lacks. */
export interface MapDifference {
  kind: 'node' | 'edge';
  /** A node's name, or an edge's `from->to:transport`. */
  key: string;
  /** The view that has it. */
  onlyIn: 'otel' | 'xray';
}

/** `GET /api/map?window=`. */
export interface ServiceMapResponse {
  window: MapWindow;
  from: number;
  to: number;
  /** From the OpenTelemetry spans. */
  otel: ServiceMapView;
  /** From the X-Ray segments (as GetServiceGraph sees them). */
  xray: ServiceMapView;
  differences: MapDifference[];
}

/** One line of the trace list (`GET /api/traces`, and each `trace` event of `GET /api/live`). */
export interface TraceListItem {
  traceId: string;
  xrayTraceId: string;
  rootName: string;
  /** The service of the root span (or segment). */
  rootService: string;
  services: string[];
  startTime: number;
  durationMs: number;
  spanCount: number;
  /** X-Ray segments and subsegments, nested ones included, each once: equal to spanCount when both views are whole. */
  segmentCount: number;
  health: Health;
  /** The HTTP status of the root, when it is an HTTP request. */
  httpStatus?: number;
  updatedAt: number;
}

/** A place where the X-Ray view and the OpenTelemetry view of a trace disagree. */
export interface Disagreement {
  /** The span id, equal to the (sub)segment id it should mirror. */
  id: string;
  kind: 'missing-document' | 'missing-span' | 'parent' | 'timing' | 'status';
  /** Human-readable: what each view says. */
  detail: string;
}

/** Added to `GET /api/traces/:id`'s answer. */
export interface TraceAnalysis {
  /** Span ids on the critical path, root first. */
  criticalPath: string[];
  /** Empty when the two views agree. */
  disagreements: Disagreement[];
}

/**
 * `GET /api/traces/:id`: the list line's fields (and `hasError`, kept for earlier clients), both views
 * (spans by start time; X-Ray documents with separately sent subsegments nested back, as BatchGetTraces
 * answers), and the analysis.
 */
export interface TraceDetailResponse extends TraceListItem, TraceAnalysis {
  /** A span with ERROR status, or a document with `error` or `fault`. */
  hasError: boolean;
  spans: OtelSpan[];
  segments: XraySegmentDocument[];
}

/** One span of a comparison, matched by service, name and place in the tree. */
export interface ComparedSpan {
  /** The path of `service:name` steps from the root, with an index among same-named siblings. */
  key: string;
  service: string;
  name: string;
  depth: number;
  a?: { spanId: string; durationMs: number; selfMs: number };
  b?: { spanId: string; durationMs: number; selfMs: number };
  /** In both, only in b (added), only in a (missing). */
  change: 'matched' | 'added' | 'missing';
  /** b minus a, of the whole span (0 for unmatched). */
  deltaMs: number;
  /** b minus a, of the span's own time (what its children do not account for). */
  selfDeltaMs: number;
}

/** `GET /api/compare?a=&b=`. */
export interface CompareResponse {
  a: TraceListItem;
  b: TraceListItem;
  /** In tree order (a's order, added spans after their matched parent). */
  spans: ComparedSpan[];
  /** The spans that explain the difference, largest |selfDeltaMs| first (unmatched spans count with their own time). */
  contributors: ComparedSpan[];
}

/** One occurrence of an error group. */
export interface ErrorOccurrence {
  /** The item's uuid, as the collector stored it. */
  uuid: string;
  timestamp: number;
  service: string;
  level: string;
  message: string;
  traceId?: string;
}

/** `GET /api/errors/groups`: Rollbar items grouped by fingerprint. */
export interface ErrorGroup {
  /** Exception class, message template (numbers, ids and quoted values masked), top frame. */
  fingerprint: string;
  exceptionClass: string;
  messageTemplate: string;
  topFrame?: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** Newest first, at most 20. */
  occurrences: ErrorOccurrence[];
}

/** `GET /api/logs/search`: one CloudWatch Logs event, with what the page needs read out of it. */
export interface LogLine {
  logGroupName: string;
  logStreamName: string;
  timestamp: number;
  message: string;
  /** From the JSON message, when present. */
  level?: string;
  service?: string;
  traceId?: string;
  spanId?: string;
}
