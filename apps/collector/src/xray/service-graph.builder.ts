import type { XraySegmentDocument } from '../store/xray-segment';
import {
  downstreamCalls,
  identityKey,
  inferredIdentity,
  type ServiceIdentity,
  segmentIdentity,
  toServiceId,
} from './service-identity';
import { type HistogramEntryJson, type StatisticsJson, Tally } from './service-statistics.tally';
import { type TraceView, walk } from './trace.view';

export type { HistogramEntryJson, StatisticsJson } from './service-statistics.tally';

export interface EdgeJson {
  ReferenceId: number;
  StartTime: number;
  EndTime: number;
  SummaryStatistics: StatisticsJson;
  ResponseTimeHistogram: HistogramEntryJson[];
  Aliases: never[];
}

/** A node of the graph as GetServiceGraph and GetTraceGraph return it (dates in epoch seconds). */
export interface ServiceJson {
  ReferenceId: number;
  Name: string;
  Names: string[];
  Root?: boolean;
  AccountId?: string;
  Type?: string;
  State: 'active' | 'unknown';
  StartTime: number;
  EndTime: number;
  Edges: EdgeJson[];
  SummaryStatistics?: StatisticsJson;
  DurationHistogram: HistogramEntryJson[];
  ResponseTimeHistogram: HistogramEntryJson[];
}

interface Node {
  identity: ServiceIdentity;
  state: 'active' | 'unknown';
  root: boolean;
  tally: Tally;
  edges: Map<string, Tally>;
}

class Graph {
  readonly nodes = new Map<string, Node>();

  node(identity: ServiceIdentity, state: Node['state']): Node {
    const key = identityKey(identity);
    const node = this.nodes.get(key) ?? { identity, state, root: false, tally: new Tally(), edges: new Map() };
    this.nodes.set(key, node);
    return node;
  }

  edge(from: Node, to: Node, item: XraySegmentDocument): void {
    const key = identityKey(to.identity);
    const tally = from.edges.get(key) ?? new Tally();
    tally.add(item);
    from.edges.set(key, tally);
  }
}

function addTrace(graph: Graph, view: TraceView): void {
  const owners = new Map<string, XraySegmentDocument>();
  for (const segment of view.segments) for (const node of walk(segment)) owners.set(node.id, segment);
  const called = new Set(view.segments.flatMap((segment) => segment.parent_id ?? []));
  for (const segment of view.segments) {
    const node = graph.node(segmentIdentity(segment), 'active');
    node.tally.add(segment);
    const caller = segment.parent_id === undefined ? undefined : owners.get(segment.parent_id);
    if (!caller) {
      // X-Ray draws the unknown caller of an entry point as a "client" node named after the service.
      node.root = true;
      const client = graph.node({ name: segment.name, type: 'client' }, 'unknown');
      client.tally.add(segment);
      graph.edge(client, node, segment);
    } else if (caller !== segment) {
      graph.edge(graph.node(segmentIdentity(caller), 'active'), node, segment);
    }
    for (const call of downstreamCalls(segment)) {
      if (called.has(call.id)) continue;
      const inferred = graph.node(inferredIdentity(call), 'unknown');
      inferred.tally.add(call);
      graph.edge(node, inferred, call);
    }
  }
}

/**
 * The service graph of some traces, as X-Ray draws it: a node per service
 * (name and origin), an edge from A to B when a segment of B has as parent a
 * (sub)segment of A, an inferred node for each call (remote or aws
 * subsegment) that no segment answered, and a client node in front of each
 * entry point. Node statistics count the segments each service sent; edge
 * statistics the requests that went along it.
 */
export function buildServiceGraph(views: TraceView[]): ServiceJson[] {
  const graph = new Graph();
  for (const view of views) addTrace(graph, view);
  const nodes = [...graph.nodes.values()].sort(
    (a, b) =>
      Number(b.identity.type === 'client') - Number(a.identity.type === 'client') ||
      a.identity.name.localeCompare(b.identity.name),
  );
  const references = new Map(nodes.map((node, index) => [identityKey(node.identity), index]));
  return nodes.map((node, index) => {
    const { Name, Names, Type, AccountId } = toServiceId(node.identity);
    const isClient = node.identity.type === 'client';
    return {
      ReferenceId: index,
      Name,
      Names,
      ...(node.root ? { Root: true } : {}),
      ...(AccountId ? { AccountId } : {}),
      ...(Type ? { Type } : {}),
      State: node.state,
      StartTime: node.tally.start,
      EndTime: node.tally.end,
      Edges: [...node.edges].map(([key, tally]) => ({
        ReferenceId: references.get(key) ?? -1,
        StartTime: tally.start,
        EndTime: tally.end,
        SummaryStatistics: tally.stats,
        ResponseTimeHistogram: tally.histogramJson(),
        Aliases: [],
      })),
      ...(isClient ? {} : { SummaryStatistics: node.tally.stats }),
      DurationHistogram: isClient ? [] : node.tally.histogramJson(),
      ResponseTimeHistogram: isClient ? [] : node.tally.histogramJson(),
    };
  });
}
