import type { OtelSpan } from '../store/otel-span';

export interface ServiceMapNode {
  name: string;
  spanCount: number;
  errorCount: number;
}

export interface ServiceMapEdge {
  from: string;
  to: string;
  /** Calls seen: child spans whose parent span belongs to the other service. */
  calls: number;
  errors: number;
  /** Mean duration of the called side's spans, in milliseconds. */
  meanDurationMs: number;
}

/**
 * The service map as the OpenTelemetry spans show it: one node per
 * `service.name`, one edge per pair of services where a span of one is the
 * parent of a span of the other.
 */
export function buildOtelServiceMap(spans: Iterable<OtelSpan>): { nodes: ServiceMapNode[]; edges: ServiceMapEdge[] } {
  const all = [...spans];
  const byId = new Map(all.map((span) => [`${span.traceId}/${span.spanId}`, span]));
  const nodes = new Map<string, ServiceMapNode>();
  const edges = new Map<string, ServiceMapEdge & { totalMs: number }>();
  for (const span of all) {
    const node = nodes.get(span.serviceName) ?? { name: span.serviceName, spanCount: 0, errorCount: 0 };
    node.spanCount += 1;
    if (span.status.code === 'ERROR') node.errorCount += 1;
    nodes.set(span.serviceName, node);
    const parent = span.parentSpanId ? byId.get(`${span.traceId}/${span.parentSpanId}`) : undefined;
    if (!parent || parent.serviceName === span.serviceName) continue;
    const key = `${parent.serviceName}\u0000${span.serviceName}`;
    const edge = edges.get(key) ?? {
      from: parent.serviceName,
      to: span.serviceName,
      calls: 0,
      errors: 0,
      meanDurationMs: 0,
      totalMs: 0,
    };
    edge.calls += 1;
    if (span.status.code === 'ERROR') edge.errors += 1;
    edge.totalMs += Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1e6;
    edges.set(key, edge);
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => a.name.localeCompare(b.name)),
    edges: [...edges.values()].map(({ totalMs, ...edge }) => ({
      ...edge,
      meanDurationMs: Math.round((totalMs / edge.calls) * 1000) / 1000,
    })),
  };
}
