import { Graph, layout } from '@dagrejs/dagre';
import { useMemo } from 'preact/hooks';
import type { MapEdge, MapNode, ServiceMapView, Transport } from '../lib/api';
import { formatMs, formatPerSecond, formatRate } from '../lib/format';

export const TRANSPORT_LABEL: Record<Transport, string> = {
  http: 'HTTP',
  'tcp-request': 'TCP (request)',
  'tcp-event': 'TCP (event)',
};

/** The key the read API uses for an edge in `differences`. */
export const edgeKey = (edge: Pick<MapEdge, 'from' | 'to' | 'transport'>) =>
  `${edge.from}->${edge.to}:${edge.transport}`;

const NODE_WIDTH = 190;
const NODE_HEIGHT = 74;
const LABEL_WIDTH = 150;
const LABEL_HEIGHT = 46;

interface Laid {
  width: number;
  height: number;
  nodes: Array<{ node: MapNode; x: number; y: number }>;
  edges: Array<{ edge: MapEdge; points: Array<{ x: number; y: number }>; x: number; y: number }>;
}

/** dagre's layout of the map, left to right, edge labels placed by dagre too. */
function layOut(view: ServiceMapView): Laid {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 120, edgesep: 30, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of view.nodes) graph.setNode(node.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of view.edges) {
    for (const end of [edge.from, edge.to])
      if (!graph.hasNode(end)) graph.setNode(end, { width: NODE_WIDTH, height: NODE_HEIGHT });
    graph.setEdge(edge.from, edge.to, { width: LABEL_WIDTH, height: LABEL_HEIGHT, labelpos: 'c' }, edgeKey(edge));
  }
  layout(graph);
  const label = graph.graph() as { width?: number; height?: number };
  return {
    width: label.width ?? 0,
    height: label.height ?? 0,
    nodes: view.nodes.map((node) => {
      const laid = graph.node(node.name) as { x: number; y: number };
      return { node, x: laid.x, y: laid.y };
    }),
    edges: view.edges.map((edge) => {
      const laid = graph.edge(edge.from, edge.to, edgeKey(edge)) as {
        points: Array<{ x: number; y: number }>;
        x: number;
        y: number;
      };
      return { edge, points: laid.points, x: laid.x, y: laid.y };
    }),
  };
}

export interface Selection {
  kind: 'node' | 'edge';
  key: string;
}

/** The service map as SVG: health-coloured nodes, labelled edges, a mark on what the other view lacks. */
export function MapGraph(props: {
  view: ServiceMapView;
  different: Set<string>;
  selected?: Selection;
  onSelect: (selection: Selection) => void;
}) {
  const { view, different, selected, onSelect } = props;
  const laid = useMemo(() => layOut(view), [view]);
  if (view.nodes.length === 0) return <p class="empty">No services in this window.</p>;
  return (
    <svg
      class="map"
      data-testid="service-map"
      viewBox={`0 0 ${laid.width} ${laid.height}`}
      width={laid.width}
      height={laid.height}
      role="img"
      aria-label="Service map"
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
        </marker>
      </defs>
      {laid.edges.map(({ edge, points, x, y }) => {
        const key = edgeKey(edge);
        const isSelected = selected?.kind === 'edge' && selected.key === key;
        const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
        return (
          <g
            key={key}
            class={`edge health-${edge.health} transport-${edge.transport}${isSelected ? ' selected' : ''}`}
            data-testid="map-edge"
            data-from={edge.from}
            data-to={edge.to}
            data-transport={edge.transport}
            onClick={() => onSelect({ kind: 'edge', key })}
          >
            <path d={d} class="edge-line" marker-end="url(#arrow)" />
            <g transform={`translate(${x - LABEL_WIDTH / 2},${y - LABEL_HEIGHT / 2})`} class="edge-label">
              <rect width={LABEL_WIDTH} height={LABEL_HEIGHT} rx="4" />
              <text x={LABEL_WIDTH / 2} y="15" class="transport" data-testid="edge-transport">
                {TRANSPORT_LABEL[edge.transport]}
                {different.has(key) ? ' ≠' : ''}
              </text>
              <text x={LABEL_WIDTH / 2} y="29">
                {edge.count} calls · {formatRate(edge.errorRate + edge.faultRate)} err
              </text>
              <text x={LABEL_WIDTH / 2} y="41">
                p50 {formatMs(edge.p50Ms)} · p99 {formatMs(edge.p99Ms)}
              </text>
              {different.has(key) && <title data-testid="map-difference">only in this view</title>}
            </g>
          </g>
        );
      })}
      {laid.nodes.map(({ node, x, y }) => {
        const isSelected = selected?.kind === 'node' && selected.key === node.name;
        return (
          <g
            key={node.name}
            class={`node health-${node.health}${isSelected ? ' selected' : ''}`}
            transform={`translate(${x - NODE_WIDTH / 2},${y - NODE_HEIGHT / 2})`}
            data-testid="map-node"
            data-name={node.name}
            onClick={() => onSelect({ kind: 'node', key: node.name })}
          >
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="8" />
            <text x="10" y="20" class="node-name">
              {node.name}
            </text>
            {different.has(node.name) && (
              <text x={NODE_WIDTH - 10} y="20" class="diff-mark" text-anchor="end" data-testid="map-difference">
                ≠
              </text>
            )}
            <text x="10" y="40">
              {formatPerSecond(node.perSecond)} · err {formatRate(node.errorRate)} · fault {formatRate(node.faultRate)}
            </text>
            <text x="10" y="58">
              p50 {formatMs(node.p50Ms)} · p99 {formatMs(node.p99Ms)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
