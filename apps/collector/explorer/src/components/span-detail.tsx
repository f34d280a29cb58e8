import { formatMs, formatTime, nanosToMs } from '../lib/format';
import type { Row } from '../lib/tree';

function Pairs({ title, values }: { title: string; values: Record<string, unknown> | undefined }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <table class="kv">
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>
                <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** What a selected span or segment says: attributes, events, annotations, metadata. */
export function SpanDetail({ row, onClose }: { row: Row; onClose: () => void }) {
  const { span, segment } = row;
  const metadata = Object.entries(segment?.metadata ?? {}).flatMap(([namespace, values]) =>
    Object.entries(values).map(([key, value]) => [`${namespace}.${key}`, value] as const),
  );
  return (
    <aside class="span-detail" data-testid="span-detail">
      <div class="detail-head">
        <h3>
          {row.name} <span class="muted">{row.service}</span>
        </h3>
        <button onClick={onClose} aria-label="close (Esc)" data-testid="span-detail-close">
          ✕
        </button>
      </div>
      <table class="kv">
        <tbody>
          <tr>
            <th>id</th>
            <td>
              <code>{row.id}</code>
            </td>
          </tr>
          <tr>
            <th>parent</th>
            <td>
              <code>{row.parentId ?? '—'}</code>
            </td>
          </tr>
          <tr>
            <th>kind</th>
            <td>{row.kind}</td>
          </tr>
          <tr>
            <th>start</th>
            <td>{formatTime(row.startMs)}</td>
          </tr>
          <tr>
            <th>duration</th>
            <td>{formatMs(row.endMs - row.startMs)}</td>
          </tr>
          {span && (
            <tr>
              <th>status</th>
              <td>
                {span.status.code}
                {span.status.message ? `: ${span.status.message}` : ''}
              </td>
            </tr>
          )}
          {segment && (
            <tr>
              <th>flags</th>
              <td>{['error', 'fault', 'throttle'].filter((flag) => segment[flag] === true).join(', ') || 'none'}</td>
            </tr>
          )}
        </tbody>
      </table>
      {span && <Pairs title="Attributes" values={span.attributes} />}
      {span && span.events.length > 0 && (
        <>
          <h4>Events</h4>
          <ul class="events">
            {span.events.map((event, i) => (
              <li key={i}>
                <span class="muted">{formatTime(nanosToMs(event.timeUnixNano))}</span> <b>{event.name}</b>
                {Object.keys(event.attributes).length > 0 && <Pairs title="" values={event.attributes} />}
              </li>
            ))}
          </ul>
        </>
      )}
      {span && <Pairs title="Resource" values={span.resource} />}
      {segment && <Pairs title="Annotations" values={segment.annotations} />}
      {segment && metadata.length > 0 && <Pairs title="Metadata" values={Object.fromEntries(metadata)} />}
      {segment?.http && <Pairs title="HTTP" values={segment.http as Record<string, unknown>} />}
    </aside>
  );
}
