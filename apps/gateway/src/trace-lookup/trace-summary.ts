/** The few fields of the collector's `GET /api/traces/:id` the summary reads; the rest is not trusted or needed. */
interface CollectedTrace {
  rootName?: unknown;
  services?: unknown;
  spanCount?: unknown;
  segmentCount?: unknown;
  durationMs?: unknown;
  httpStatus?: unknown;
  health?: unknown;
  spans?: unknown;
  segments?: unknown;
}

/** What a client is told of its trace: across which services it went, how long it took, what failed. */
export interface TraceSummary {
  /** The root span's name (`GET /api/activities/home`). */
  root: string | null;
  services: string[];
  spans: number;
  /** X-Ray documents received: equal to `spans` when both views are whole. */
  segments: number;
  durationMs: number | null;
  /** The root's HTTP status, when it is an HTTP request. */
  httpStatus: number | null;
  /** `ok`, `error` (4xx), `fault` (5xx) or `throttle`, as the collector judges the trace. */
  health: string | null;
  /** Spans whose status is ERROR, with their service and name. */
  errors: Array<{ service: string; span: string; message: string | null }>;
}

const MAX_LISTED_ERRORS = 20;

/**
 * The summary of a trace as the collector answered it: its own counts and
 * service list (the collector's trace summary), plus the failed spans it
 * lists; unreadable fields read as null, zero or empty.
 */
export function summarizeTrace(trace: CollectedTrace): TraceSummary {
  const spans = Array.isArray(trace.spans) ? (trace.spans as Array<Record<string, unknown>>) : [];
  const errors: TraceSummary['errors'] = [];
  for (const span of spans) {
    const status = span?.status as { code?: unknown; message?: unknown } | undefined;
    if (status?.code !== 'ERROR') continue;
    errors.push({
      service: typeof span.serviceName === 'string' ? span.serviceName : 'unknown_service',
      span: typeof span.name === 'string' ? span.name : '',
      message: typeof status.message === 'string' ? status.message : null,
    });
    if (errors.length === MAX_LISTED_ERRORS) break;
  }
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    root: typeof trace.rootName === 'string' ? trace.rootName : null,
    services: Array.isArray(trace.services) ? trace.services.filter((name) => typeof name === 'string') : [],
    spans: count(trace.spanCount),
    segments: count(trace.segmentCount),
    durationMs: typeof trace.durationMs === 'number' ? trace.durationMs : null,
    httpStatus: typeof trace.httpStatus === 'number' ? trace.httpStatus : null,
    health: typeof trace.health === 'string' ? trace.health : null,
    errors,
  };
}
