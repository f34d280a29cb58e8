import { useEffect, useMemo, useState } from 'preact/hooks';
import { CopyCommand } from '../components/copy-button';
import { HealthBadge } from '../components/health';
import { SpanDetail } from '../components/span-detail';
import { TraceErrors, TraceLogLines } from '../components/trace-logs';
import { Waterfall } from '../components/waterfall';
import { type RollbarItem, type TraceDetail, type TraceListItem, type TraceLogs, query } from '../lib/api';
import { formatDateTime, formatMs } from '../lib/format';
import { compareHref, navigate } from '../lib/router';
import { type Row, segmentRows, spanRows } from '../lib/tree';
import { useJson } from '../lib/use-json';

type Layout = 'otel' | 'xray' | 'both';

function CompareWith({ trace }: { trace: TraceDetail }) {
  const [other, setOther] = useState('');
  const similar = useJson<TraceListItem[]>(
    trace.rootName ? `/api/traces${query({ operation: trace.rootName, limit: 20 })}` : undefined,
  );
  const candidates = (similar.data ?? []).filter((t) => t.traceId !== trace.traceId);
  return (
    <form
      class="compare-with"
      onSubmit={(event) => {
        event.preventDefault();
        if (other.trim()) navigate(compareHref(trace.traceId, other.trim()));
      }}
    >
      <label>
        Compare with…
        <input
          list="compare-candidates"
          value={other}
          placeholder="another trace id"
          data-testid="compare-input"
          onInput={(e) => setOther((e.target as HTMLInputElement).value)}
        />
      </label>
      <datalist id="compare-candidates">
        {candidates.map((t) => (
          <option key={t.traceId} value={t.traceId}>
            {t.rootName} · {formatMs(t.durationMs)}
          </option>
        ))}
      </datalist>
      <button type="submit" data-testid="compare-go">
        Compare
      </button>
    </form>
  );
}

/** One trace: both views' waterfalls, the selected span, its logs and errors, the CLI commands. */
export function TraceView({ id }: { id: string }) {
  const detail = useJson<TraceDetail>(`/api/traces/${encodeURIComponent(id)}`);
  const trace = detail.data;
  const logs = useJson<TraceLogs>(trace ? `/api/logs${query({ trace_id: trace.traceId })}` : undefined);
  const errors = useJson<RollbarItem[]>(trace ? `/api/errors${query({ trace_id: trace.traceId })}` : undefined);
  const [layout, setLayout] = useState<Layout>('otel');
  const [selected, setSelected] = useState<Row>();

  const otelRows = useMemo(() => (trace ? spanRows(trace.spans) : []), [trace]);
  const xrayRows = useMemo(() => (trace ? segmentRows(trace.segments) : []), [trace]);
  const critical = useMemo(() => new Set(trace?.criticalPath ?? []), [trace]);
  const disagreeing = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of trace?.disagreements ?? []) map.set(d.id, `${d.kind}: ${d.detail}`);
    return map;
  }, [trace]);
  const knownSpans = useMemo(() => new Set(otelRows.map((r) => r.id)), [otelRows]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSelected(undefined);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (detail.error) return <p class="error view">{detail.error}</p>;
  if (!trace) return <p class="muted view">Loading trace {id}…</p>;

  const all = [...otelRows, ...xrayRows];
  const start = Math.min(...all.map((r) => r.startMs));
  const end = Math.max(...all.map((r) => r.endMs));
  const origin = window.location.origin;
  const disagreements = trace.disagreements ?? [];
  const selectSpan = (spanId: string) => {
    const row = otelRows.find((r) => r.id === spanId) ?? xrayRows.find((r) => r.id === spanId);
    if (row) setSelected(row);
  };

  const waterfall = (view: 'otel' | 'xray') => (
    <Waterfall
      rows={view === 'otel' ? otelRows : xrayRows}
      view={view}
      traceStart={start}
      traceEnd={end}
      critical={critical}
      disagreeing={disagreeing}
      selectedId={selected?.id}
      onSelect={setSelected}
    />
  );

  return (
    <section class="view trace-view" data-testid="trace-view" data-trace-id={trace.traceId}>
      <div class="trace-head">
        <h1>
          {trace.rootName}{' '}
          {trace.health && (
            <HealthBadge health={trace.health} label={trace.httpStatus ? String(trace.httpStatus) : trace.health} />
          )}
        </h1>
        <div class="muted">
          <code data-testid="trace-id">{trace.traceId}</code> · <code>{trace.xrayTraceId}</code>
          {trace.startTime !== undefined && <> · {formatDateTime(trace.startTime)}</>}
          {trace.durationMs !== undefined && <> · {formatMs(trace.durationMs)}</>} · {trace.spans.length} spans,{' '}
          {xrayRows.length} segments/subsegments
        </div>
        <div
          class={`agreement ${disagreements.length === 0 ? 'agree' : 'disagree'}`}
          data-testid="agreement"
          data-count={disagreements.length}
        >
          {disagreements.length === 0
            ? 'views agree'
            : `${disagreements.length} disagreement${disagreements.length === 1 ? '' : 's'} between the X-Ray and OpenTelemetry views`}
        </div>
        {disagreements.length > 0 && (
          <ul class="disagreements" data-testid="disagreements">
            {disagreements.map((d) => (
              <li key={`${d.id}-${d.kind}`}>
                <span class="disagree-mark">≠</span> <code>{d.id}</code> {d.kind}: {d.detail}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="toolbar">
        <div class="segmented" role="group" aria-label="View">
          {(['otel', 'xray', 'both'] as const).map((option) => (
            <button
              key={option}
              class={layout === option ? 'on' : ''}
              onClick={() => setLayout(option)}
              data-testid={`layout-${option}`}
            >
              {option === 'otel' ? 'OTel' : option === 'xray' ? 'X-Ray' : 'Side by side'}
            </button>
          ))}
        </div>
        <a
          href={`/api/traces/${trace.traceId}/otlp`}
          download={`${trace.traceId}.otlp.json`}
          data-testid="download-otlp"
        >
          OTLP JSON
        </a>
        <a
          href={`/api/traces/${trace.traceId}/xray`}
          download={`${trace.xrayTraceId}.xray.json`}
          data-testid="download-xray"
        >
          X-Ray JSON
        </a>
        <span class="legend-inline">
          <span class="crit-mark">◆</span> critical path · <span class="disagree-mark">≠</span> views disagree
        </span>
      </div>
      <div class={`trace-body${selected ? ' with-detail' : ''}`}>
        <div class={`waterfalls layout-${layout}`}>
          {(layout === 'otel' || layout === 'both') && waterfall('otel')}
          {(layout === 'xray' || layout === 'both') && waterfall('xray')}
        </div>
        {selected && <SpanDetail row={selected} onClose={() => setSelected(undefined)} />}
      </div>
      <h2>Log lines</h2>
      <TraceLogLines logs={logs.data} onSpan={selectSpan} knownSpans={knownSpans} />
      <h2>Rollbar items</h2>
      <TraceErrors items={errors.data} />
      <h2>Elsewhere</h2>
      <CopyCommand
        label="Copy X-Ray command"
        testId="copy-xray"
        text={`aws --endpoint-url ${origin} xray batch-get-traces --trace-ids ${trace.xrayTraceId}`}
      />
      <CopyCommand
        label="Copy logs command"
        testId="copy-logs"
        text={`aws --endpoint-url ${origin} logs filter-log-events --log-group-name cruddur --filter-pattern '{ $.trace_id = "${trace.traceId}" }'`}
      />
      <CompareWith trace={trace} />
    </section>
  );
}
