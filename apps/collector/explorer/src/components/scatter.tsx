import type { TraceListItem } from '../lib/api';
import { formatMs, formatTime } from '../lib/format';
import { navigate, traceHref } from '../lib/router';

const WIDTH = 800;
const HEIGHT = 160;
const PAD = { left: 56, right: 12, top: 10, bottom: 22 };

/** Duration over start time, one dot per trace; a click opens the trace. */
export function Scatter({ traces }: { traces: TraceListItem[] }) {
  if (traces.length === 0) return null;
  const starts = traces.map((t) => t.startTime);
  const t0 = Math.min(...starts);
  const t1 = Math.max(...starts, t0 + 1);
  const maxDuration = Math.max(...traces.map((t) => t.durationMs), 1);
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (d: number) => HEIGHT - PAD.bottom - (d / maxDuration) * (HEIGHT - PAD.top - PAD.bottom);
  return (
    <svg class="scatter" data-testid="scatter" viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} class="axis" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={HEIGHT - PAD.bottom} class="axis" />
      <text x={PAD.left - 4} y={PAD.top + 8} text-anchor="end" class="tick">
        {formatMs(maxDuration)}
      </text>
      <text x={PAD.left - 4} y={HEIGHT - PAD.bottom} text-anchor="end" class="tick">
        0
      </text>
      <text x={PAD.left} y={HEIGHT - 6} class="tick">
        {formatTime(t0)}
      </text>
      <text x={WIDTH - PAD.right} y={HEIGHT - 6} text-anchor="end" class="tick">
        {formatTime(t1)}
      </text>
      {traces.map((trace) => (
        <circle
          key={trace.traceId}
          cx={x(trace.startTime)}
          cy={y(trace.durationMs)}
          r="4"
          class={`dot health-${trace.health}`}
          data-testid="scatter-dot"
          data-trace-id={trace.traceId}
          onClick={() => navigate(traceHref(trace.traceId))}
        >
          <title>
            {trace.rootName} · {formatMs(trace.durationMs)}
          </title>
        </circle>
      ))}
    </svg>
  );
}
