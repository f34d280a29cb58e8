import type { TraceListItem } from '../lib/api';
import { formatMs, formatTime } from '../lib/format';
import { traceHref } from '../lib/router';
import { HealthBadge } from './health';
import { ServiceBadge } from './service-badge';

/** Trace list rows; `selected` is the row j/k moved to. */
export function TraceTable({ traces, selected }: { traces: TraceListItem[]; selected?: number }) {
  if (traces.length === 0) return <p class="empty">No traces.</p>;
  return (
    <table class="traces" data-testid="trace-list">
      <thead>
        <tr>
          <th>Start</th>
          <th>Root</th>
          <th>Services</th>
          <th class="num">Duration</th>
          <th class="num">Spans</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace, index) => (
          <tr
            key={trace.traceId}
            class={index === selected ? 'selected' : ''}
            data-testid="trace-row"
            data-trace-id={trace.traceId}
          >
            <td>{formatTime(trace.startTime)}</td>
            <td>
              <a href={traceHref(trace.traceId)}>{trace.rootName || trace.traceId}</a>
            </td>
            <td>
              {trace.services.map((service) => (
                <ServiceBadge key={service} service={service} />
              ))}
            </td>
            <td class="num">{formatMs(trace.durationMs)}</td>
            <td class="num">
              {trace.spanCount}/{trace.segmentCount}
            </td>
            <td>
              <HealthBadge health={trace.health} label={trace.httpStatus ? String(trace.httpStatus) : trace.health} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
