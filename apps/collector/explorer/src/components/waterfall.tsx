import { useMemo, useState } from 'preact/hooks';
import { formatMs, serviceColour } from '../lib/format';
import { type Row, visibleRows } from '../lib/tree';

/**
 * A waterfall: one row per span or (sub)segment, indented by parent, bars to
 * scale of the trace, coloured by service; subtrees collapse.
 */
export function Waterfall(props: {
  rows: Row[];
  view: 'otel' | 'xray';
  traceStart: number;
  traceEnd: number;
  critical: Set<string>;
  disagreeing: Map<string, string>;
  selectedId?: string;
  onSelect: (row: Row) => void;
}) {
  const { rows, view, traceStart, traceEnd, critical, disagreeing, selectedId, onSelect } = props;
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const shown = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const total = Math.max(traceEnd - traceStart, 0.001);
  const toggle = (id: string) => {
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  return (
    <div class="waterfall" data-testid={`waterfall-${view}`} role="tree">
      <div class="wf-head">
        <span>{view === 'otel' ? 'OpenTelemetry spans' : 'X-Ray segments'}</span>
        <span class="wf-scale">
          <span>0</span>
          <span>{formatMs(total / 2)}</span>
          <span>{formatMs(total)}</span>
        </span>
      </div>
      {shown.map((row) => {
        const left = ((row.startMs - traceStart) / total) * 100;
        const width = Math.max(((row.endMs - row.startMs) / total) * 100, 0.3);
        const isCritical = critical.has(row.id);
        const disagreement = disagreeing.get(row.id);
        const classes = ['wf-row'];
        if (row.error) classes.push('is-error');
        if (isCritical) classes.push('is-critical');
        if (row.id === selectedId) classes.push('selected');
        return (
          <div
            key={row.id}
            class={classes.join(' ')}
            data-testid="span-row"
            data-span-id={row.id}
            data-service={row.service}
            data-depth={row.depth}
            data-critical={isCritical ? 'true' : 'false'}
            role="treeitem"
            aria-selected={row.id === selectedId}
            onClick={() => onSelect(row)}
          >
            <div class="wf-label" style={{ paddingLeft: `${row.depth * 14 + 4}px` }}>
              {row.childCount > 0 ? (
                <button
                  class="twisty"
                  aria-label={collapsed.has(row.id) ? 'expand' : 'collapse'}
                  onClick={(event) => {
                    event.stopPropagation();
                    toggle(row.id);
                  }}
                >
                  {collapsed.has(row.id) ? '▸' : '▾'}
                </button>
              ) : (
                <span class="twisty" />
              )}
              <span class="svc-dot" style={{ backgroundColor: serviceColour(row.service) }} title={row.service} />
              {row.transport && <span class={`transport-tag t-${row.transport.toLowerCase()}`}>{row.transport}</span>}
              <span class="wf-name" title={`${row.service} · ${row.name}`}>
                {row.name}
              </span>
              {isCritical && (
                <span class="crit-mark" title="on the critical path" data-testid="critical-mark">
                  ◆
                </span>
              )}
              {row.injected && (
                <span class="fault-mark" title={`injected fault: ${row.injected}`} data-testid="fault-mark">
                  ⚡ {row.injected}
                </span>
              )}
              {disagreement && (
                <span class="disagree-mark" title={disagreement} data-testid="disagreement-mark">
                  ≠
                </span>
              )}
            </div>
            <div class="wf-track">
              <div
                class="wf-bar"
                style={{ left: `${left}%`, width: `${width}%`, backgroundColor: serviceColour(row.service) }}
              />
              <span
                class={`wf-dur${left + width > 75 && left <= 15 ? ' inside' : ''}`}
                // Near the right edge the label goes before the bar (or inside it, for a bar that spans
                // nearly all the track), so that it stays inside the track.
                style={
                  left + width <= 75
                    ? { left: `${left + width}%` }
                    : left > 15
                      ? { right: `${100 - left}%` }
                      : { right: `${100 - left - width}%` }
                }
              >
                {formatMs(row.endMs - row.startMs)}
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
