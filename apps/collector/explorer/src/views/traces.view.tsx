import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Scatter } from '../components/scatter';
import { TraceTable } from '../components/trace-table';
import { type TraceListItem, getJson, query } from '../lib/api';
import { navigate, traceHref } from '../lib/router';
import { useJson } from '../lib/use-json';

const FIELDS = ['service', 'operation', 'status', 'minDurationMs', 'maxDurationMs', 'annotation', 'window'] as const;
type Field = (typeof FIELDS)[number];

const WINDOWS: Record<string, number> = { '5m': 5 * 60_000, '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000 };

/** The search's query string for `/api/traces`, from the form's fields. */
function apiQuery(search: URLSearchParams): string {
  const windowMs = WINDOWS[search.get('window') ?? ''];
  const params: Record<string, string | number | undefined> = { limit: 200 };
  for (const field of FIELDS) if (field !== 'window') params[field] = search.get(field) ?? undefined;
  if (windowMs) params.from = Date.now() - windowMs;
  return query(params);
}

/** A trace id found in what was pasted, when the server cannot be asked (any 32 hex digits, or X-Ray's form). */
function idInText(text: string): string | undefined {
  const xray = /1-([0-9a-f]{8})-([0-9a-f]{24})/i.exec(text);
  if (xray) return `${xray[1]}${xray[2]}`.toLowerCase();
  return /(?:^|[^0-9a-f])([0-9a-f]{32})(?:[^0-9a-f]|$)/i.exec(text)?.[1]?.toLowerCase();
}

/** Newest traces matching the search, with a scatter, live updates and j/k/Enter. */
/** Where the trace with `id` is in `list`; the first row when it is not there (or none is selected). */
function indexIn(list: readonly TraceListItem[], id: string | undefined): number {
  return Math.max(
    0,
    list.findIndex((t) => t.traceId === id),
  );
}

export function TracesView({ search }: { search: URLSearchParams }) {
  const searchKey = search.toString();
  const initial = useMemo(() => Object.fromEntries(FIELDS.map((f) => [f, search.get(f) ?? ''])), [searchKey]);
  const [form, setForm] = useState<Record<Field, string>>(initial as Record<Field, string>);
  const [pasted, setPasted] = useState('');
  const [idMessage, setIdMessage] = useState<string>();
  const listed = useJson<TraceListItem[]>(`/api/traces${apiQuery(search)}`);
  const [live, setLive] = useState<TraceListItem[]>([]);
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState<TraceListItem[]>([]);
  const [updates, setUpdates] = useState<Map<string, TraceListItem>>(new Map());
  const [dropped, setDropped] = useState(0);
  // The selection follows a trace, not a position: live rows arriving on top must not move it.
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const idInput = useRef<HTMLInputElement>(null);
  const filtered = FIELDS.some((f) => search.get(f));

  // A fresh answer of the list supersedes what the stream brought before it.
  useEffect(() => {
    setLive([]);
    setUpdates(new Map());
  }, [listed.data]);

  // Live: every stored trace arrives as an SSE `trace` event; while paused they wait in `held`.
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  useEffect(() => {
    if (filtered) return;
    const source = new EventSource('/api/live');
    source.addEventListener('trace', (event) => {
      const item = JSON.parse((event as MessageEvent<string>).data) as TraceListItem;
      if (pausedRef.current) setHeld((list) => [item, ...list.filter((t) => t.traceId !== item.traceId)]);
      else setLive((list) => [item, ...list.filter((t) => t.traceId !== item.traceId)].slice(0, 500));
    });
    // A trace that grows (its later spans arrive) is sent again as `updated`: refresh its row in place.
    source.addEventListener('updated', (event) => {
      const item = JSON.parse((event as MessageEvent<string>).data) as TraceListItem;
      setUpdates((map) => new Map(map).set(item.traceId, item));
    });
    source.addEventListener('dropped', (event) => {
      const { count } = JSON.parse((event as MessageEvent<string>).data) as { count: number };
      setDropped(count);
    });
    return () => source.close();
  }, [filtered]);

  const resume = () => {
    setLive((list) => [...held, ...list.filter((t) => !held.some((h) => h.traceId === t.traceId))]);
    setHeld([]);
    setPaused(false);
  };

  const traces = useMemo(() => {
    const fresh = new Set(live.map((t) => t.traceId));
    const all = [...live, ...(listed.data ?? []).filter((t) => !fresh.has(t.traceId))];
    return updates.size === 0 ? all : all.map((t) => updates.get(t.traceId) ?? t);
  }, [live, listed.data, updates]);

  const selected = indexIn(traces, selectedId);
  // The keys act on what is on screen now: a render (and an effect re-registering a listener)
  // can lag the keys on a busy machine, so the one listener reads the list and the selection
  // from here, and a step is noted at once, before its render, for the next key to start from.
  const shown = useRef({ traces, id: traces[selected]?.traceId });
  shown.current = { traces, id: traces[selected]?.traceId };

  useEffect(() => {
    const step = (by: number) => {
      const { traces: list, id } = shown.current;
      const next = list[Math.min(Math.max(indexIn(list, id) + by, 0), list.length - 1)]?.traceId;
      shown.current = { traces: list, id: next };
      setSelectedId(next);
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
      if (event.key === 'j') step(1);
      else if (event.key === 'k') step(-1);
      else if (event.key === 'Enter' && shown.current.id) navigate(traceHref(shown.current.id));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const submit = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const field of FIELDS) if (form[field]) params.set(field, form[field]);
    navigate(`#/traces${params.size ? `?${params}` : ''}`);
  };

  const openPasted = async (event: Event) => {
    event.preventDefault();
    const text = pasted.trim();
    if (!text) return;
    setIdMessage(undefined);
    try {
      const found = await getJson<TraceListItem[]>(`/api/traces${query({ id: text, limit: 1 })}`);
      if (found[0]) return navigate(traceHref(found[0].traceId));
      setIdMessage(`No trace held for ${text}`);
    } catch (error) {
      const id = idInText(text);
      if (id) return navigate(traceHref(id));
      setIdMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const field = (name: Field, label: string, placeholder = '', numeric = false) => {
    const props = {
      name,
      value: form[name],
      placeholder,
      onInput: (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value }),
    };
    return (
      <label>
        {label}
        {numeric ? <input type="number" min="0" {...props} /> : <input type="text" {...props} />}
      </label>
    );
  };

  return (
    <section class="view traces-view">
      <form class="id-form" onSubmit={openPasted}>
        <input
          ref={idInput}
          data-search
          data-testid="trace-id-input"
          placeholder="Paste a trace id: 32 hex, 1-xxxxxxxx-…, traceparent, traceresponse, X-Amzn-Trace-Id  (press /)"
          value={pasted}
          onInput={(e) => setPasted((e.target as HTMLInputElement).value)}
        />
        <button type="submit" data-testid="trace-id-open">
          Open
        </button>
        {idMessage && <span class="error">{idMessage}</span>}
      </form>
      <form class="search" onSubmit={submit} data-testid="trace-search">
        {field('service', 'Service', 'gateway')}
        {field('operation', 'Operation', 'GET /api/…')}
        <label>
          Status
          <select
            value={form.status}
            onChange={(e) => setForm({ ...form, status: (e.target as HTMLSelectElement).value })}
          >
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="error">error</option>
            <option value="fault">fault</option>
            <option value="throttle">throttle</option>
          </select>
        </label>
        {field('minDurationMs', 'Min ms', '', true)}
        {field('maxDurationMs', 'Max ms', '', true)}
        {field('annotation', 'Annotation', 'key=value')}
        <label>
          Window
          <select
            value={form.window}
            onChange={(e) => setForm({ ...form, window: (e.target as HTMLSelectElement).value })}
          >
            <option value="">all</option>
            {Object.keys(WINDOWS).map((w) => (
              <option key={w} value={w}>
                last {w}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
        {filtered && (
          <a href="#/traces" class="link">
            clear
          </a>
        )}
      </form>
      <div class="toolbar">
        {filtered ? (
          <span class="muted">Live updates are off while a search is applied.</span>
        ) : (
          <>
            <button onClick={() => (paused ? resume() : setPaused(true))} data-testid="live-toggle">
              {paused ? `Resume (${held.length} new)` : 'Pause live'}
            </button>
            <span class={`live-dot${paused ? ' paused' : ''}`} data-testid="live-state">
              {paused ? 'paused' : 'live'}
            </span>
          </>
        )}
        <span class="muted">
          {traces.length} traces · j/k to move, Enter to open
          {dropped > 0 ? ` · ${dropped} live updates dropped (too many at once): reload for the full list` : ''}
        </span>
      </div>
      {listed.error && <p class="error">{listed.error}</p>}
      <Scatter traces={traces} />
      <TraceTable traces={traces} selected={selected} />
    </section>
  );
}
