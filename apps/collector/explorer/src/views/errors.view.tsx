import type { ErrorGroup } from '../lib/api';
import { formatDateTime, formatTime } from '../lib/format';
import { traceHref } from '../lib/router';
import { useJson } from '../lib/use-json';

/** Rollbar items grouped by fingerprint, each occurrence linked to its trace. */
export function ErrorsView() {
  const groups = useJson<ErrorGroup[]>('/api/errors/groups');
  return (
    <section class="view errors-view">
      <div class="toolbar">
        <h1>Errors</h1>
        <button onClick={groups.reload}>Refresh</button>
      </div>
      {groups.error && <p class="error">{groups.error}</p>}
      {groups.data?.length === 0 && <p class="empty">No Rollbar items.</p>}
      {groups.data?.map((group) => (
        <details key={group.fingerprint} class="error-group" data-testid="error-group" open>
          <summary>
            <span class="count">{group.count}×</span> <b>{group.exceptionClass}</b> {group.messageTemplate}
            <span class="muted">
              {' '}
              · first {formatDateTime(group.firstSeen)} · last {formatDateTime(group.lastSeen)}
              {group.topFrame ? ` · ${group.topFrame.replace(/^.*\//, '')}` : ''}
            </span>
          </summary>
          <table class="occurrences">
            <tbody>
              {group.occurrences.map((occurrence) => (
                <tr key={occurrence.uuid} data-testid="error-occurrence">
                  <td class="muted">{formatTime(occurrence.timestamp)}</td>
                  <td>{occurrence.service}</td>
                  <td>
                    <span class={`level level-${occurrence.level}`}>{occurrence.level}</span>
                  </td>
                  <td class="msg">{occurrence.message}</td>
                  <td>
                    {occurrence.traceId ? (
                      <a href={traceHref(occurrence.traceId)}>trace</a>
                    ) : (
                      <span class="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
