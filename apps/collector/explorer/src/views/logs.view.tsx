import { useState } from 'preact/hooks';
import { type LogLine, query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { navigate, traceHref } from '../lib/router';
import { useJson } from '../lib/use-json';
import { ServiceBadge } from '../components/service-badge';

/** CloudWatch Logs search with a filter pattern; each line links to its trace. */
export function LogsView({ search }: { search: URLSearchParams }) {
  const pattern = search.get('filterPattern') ?? '';
  const service = search.get('service') ?? '';
  const [draft, setDraft] = useState(pattern);
  const [serviceDraft, setServiceDraft] = useState(service);
  const lines = useJson<LogLine[]>(`/api/logs/search${query({ filterPattern: pattern, service, limit: 500 })}`);
  return (
    <section class="view logs-view">
      <form
        class="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`#/logs${query({ filterPattern: draft, service: serviceDraft })}`);
        }}
      >
        <label class="grow">
          Filter pattern
          <input
            data-search
            data-testid="logs-pattern"
            value={draft}
            placeholder={'{ $.level = "error" }  or  ?timeout ?refused  (press /)'}
            onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Service
          <input value={serviceDraft} onInput={(e) => setServiceDraft((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {lines.error && <p class="error">{lines.error}</p>}
      {lines.data?.length === 0 && <p class="empty">No matching lines.</p>}
      {lines.data && lines.data.length > 0 && (
        <table class="logs" data-testid="log-search-results">
          <tbody>
            {lines.data.map((line, i) => (
              <tr key={i} data-testid="log-search-line" class={`level-${line.level ?? ''}`}>
                <td class="muted">{formatDateTime(line.timestamp)}</td>
                <td>{line.service && <ServiceBadge service={line.service} />}</td>
                <td>{line.level}</td>
                <td class="msg">{line.message}</td>
                <td>{line.traceId ? <a href={traceHref(line.traceId)}>trace</a> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
