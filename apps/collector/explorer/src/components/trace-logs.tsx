import type { RollbarItem, TraceLogs } from '../lib/api';
import { formatTime } from '../lib/format';
import { ServiceBadge } from './service-badge';

interface Line {
  timestamp: number;
  service: string;
  level: string;
  message: string;
  spanId?: string;
  source: string;
}

function readCloudWatch(event: TraceLogs['cloudwatch'][number]): Line {
  try {
    const json = JSON.parse(event.message) as Record<string, unknown>;
    return {
      timestamp: event.timestamp,
      service: String(json.service ?? event.logStreamName),
      level: String(json.level ?? ''),
      message: String(json.message ?? event.message),
      spanId: typeof json.span_id === 'string' ? json.span_id : undefined,
      source: 'CloudWatch',
    };
  } catch (_error) {
    return {
      timestamp: event.timestamp,
      service: event.logStreamName,
      level: '',
      message: event.message,
      source: 'CloudWatch',
    };
  }
}

function readOtlp(record: Record<string, unknown>): Line {
  const resource = (record.resource ?? {}) as Record<string, unknown>;
  const body = record.body;
  const nanos = String(record.timeUnixNano ?? record.observedTimeUnixNano ?? '0');
  return {
    timestamp: Number(BigInt(nanos.replace(/\D/g, '') || '0') / 1_000_000n),
    service: String(resource['service.name'] ?? record.serviceName ?? ''),
    level: String(record.severityText ?? ''),
    message: typeof body === 'string' ? body : JSON.stringify(body),
    spanId: typeof record.spanId === 'string' ? record.spanId : undefined,
    source: 'OTLP',
  };
}

/** The trace's log lines in time order, each linked to its span. */
export function TraceLogLines(props: { logs?: TraceLogs; onSpan: (spanId: string) => void; knownSpans: Set<string> }) {
  const { logs, onSpan, knownSpans } = props;
  if (!logs) return <p class="muted">Loading logs…</p>;
  const lines = [...logs.cloudwatch.map(readCloudWatch), ...logs.otlp.map(readOtlp)].sort(
    (a, b) => a.timestamp - b.timestamp,
  );
  if (lines.length === 0) return <p class="empty">No log lines for this trace (yet).</p>;
  return (
    <table class="logs" data-testid="trace-logs">
      <tbody>
        {lines.map((line, i) => (
          <tr key={i} data-testid="log-line" data-service={line.service} class={`level-${line.level}`}>
            <td class="muted">{formatTime(line.timestamp)}</td>
            <td>
              <ServiceBadge service={line.service} />
            </td>
            <td>{line.level}</td>
            <td class="msg">{line.message}</td>
            <td>
              {line.spanId && knownSpans.has(line.spanId) ? (
                <button class="link" onClick={() => onSpan(line.spanId as string)} title="show the span">
                  {line.spanId}
                </button>
              ) : (
                <span class="muted">{line.spanId}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The trace's Rollbar items. */
export function TraceErrors({ items }: { items?: RollbarItem[] }) {
  if (!items) return null;
  if (items.length === 0) return <p class="empty">No Rollbar items for this trace.</p>;
  return (
    <ul class="rollbar" data-testid="trace-errors">
      {items.map((item) => (
        <li key={item.uuid} data-testid="rollbar-item" class={`level-${item.level}`}>
          <span class={`level level-${item.level}`}>{item.level}</span> <b>{item.title}</b>{' '}
          <span class="muted">
            {formatTime(item.receivedAt)} · {item.uuid}
          </span>
        </li>
      ))}
    </ul>
  );
}
