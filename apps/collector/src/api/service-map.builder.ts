import { BadRequestException } from '@nestjs/common';
import {
  MAP_WINDOWS,
  type MapDifference,
  type MapWindow,
  type ServiceMapResponse,
  type ServiceMapView,
} from './explorer.contract';
import { figuresOf } from './map-figures';
import { type TraceCall, type TraceFacts, type TraceRequest, edgeKey } from './trace-facts';

const WINDOW_MS: Record<Exclude<MapWindow, 'all'>, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000 };

/** The `window` parameter: 5m, 15m, 1h or all (the default is 15m); anything else is a 400. */
export function parseMapWindow(value: string | undefined): MapWindow {
  if (value === undefined) return '15m';
  if (!MAP_WINDOWS.includes(value as MapWindow))
    throw new BadRequestException(`window must be one of ${MAP_WINDOWS.join(', ')}, not "${value}"`);
  return value as MapWindow;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function viewOf(requests: TraceRequest[], calls: TraceCall[], seconds: number): ServiceMapView {
  const byService = groupBy(requests, (request) => request.service);
  const byEdge = groupBy(calls, edgeKey);
  return {
    nodes: [...byService]
      .map(([name, observed]) => ({ name, ...figuresOf(observed, seconds) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    edges: [...byEdge.values()]
      .map((observed) => {
        const { from, to, transport } = observed[0];
        return { from, to, transport, ...figuresOf(observed, seconds) };
      })
      .sort((a, b) => edgeKey(a).localeCompare(edgeKey(b))),
  };
}

function differencesOf(otel: ServiceMapView, xray: ServiceMapView): MapDifference[] {
  const differences: MapDifference[] = [];
  const compare = (kind: MapDifference['kind'], a: string[], b: string[]) => {
    for (const key of a) if (!b.includes(key)) differences.push({ kind, key, onlyIn: 'otel' });
    for (const key of b) if (!a.includes(key)) differences.push({ kind, key, onlyIn: 'xray' });
  };
  const names = (view: ServiceMapView) => view.nodes.map((node) => node.name);
  compare('node', names(otel), names(xray));
  compare('edge', otel.edges.map(edgeKey), xray.edges.map(edgeKey));
  return differences;
}

/**
 * The service map, from the facts of the traces held (those that could be read), of the requests and calls that started within the window
 * ending now, in both views: nodes from SERVER/CONSUMER spans and from
 * segments; edges from CLIENT/PRODUCER spans that a span of another service
 * answered and from remote subsegments that a segment answered (figures of
 * the caller's side). For `all`, the window is the span of the data held.
 */
export function buildServiceMap(facts: TraceFacts[], window: MapWindow, now: number): ServiceMapResponse {
  let from = window === 'all' ? now : now - WINDOW_MS[window];
  if (window === 'all')
    for (const { otel, xray } of facts)
      for (const observed of [otel.requests, otel.calls, xray.requests, xray.calls])
        for (const { startTime } of observed) from = Math.min(from, startTime);
  const inWindow = <T extends { startTime: number }>(items: T[]) =>
    items.filter((item) => item.startTime >= from && item.startTime <= now);
  const seconds = Math.max((now - from) / 1000, 1);
  const otel = viewOf(
    facts.flatMap((f) => inWindow(f.otel.requests)),
    facts.flatMap((f) => inWindow(f.otel.calls)),
    seconds,
  );
  const xray = viewOf(
    facts.flatMap((f) => inWindow(f.xray.requests)),
    facts.flatMap((f) => inWindow(f.xray.calls)),
    seconds,
  );
  return { window, from, to: now, otel, xray, differences: differencesOf(otel, xray) };
}
