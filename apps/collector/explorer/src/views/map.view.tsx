import { useMemo, useState } from 'preact/hooks';
import { MapGraph, type Selection } from '../components/map-graph';
import { TraceTable } from '../components/trace-table';
import { MAP_WINDOWS, type MapWindow, type ServiceMapResponse, type TraceListItem, query } from '../lib/api';
import { formatTime } from '../lib/format';
import { useJson } from '../lib/use-json';

/** The service map of either view, over a window, with the traces of a clicked node or edge. */
export function MapView() {
  const [mapWindow, setMapWindow] = useState<MapWindow>('15m');
  const [source, setSource] = useState<'xray' | 'otel'>('xray');
  const [selected, setSelected] = useState<Selection>();
  const map = useJson<ServiceMapResponse>(`/api/map${query({ window: mapWindow })}`);
  const tracesPath = selected ? `/api/traces${query({ [selected.kind]: selected.key, limit: 50 })}` : undefined;
  const traces = useJson<TraceListItem[]>(tracesPath);
  const different = useMemo(
    () => new Set((map.data?.differences ?? []).filter((d) => d.onlyIn === source).map((d) => d.key)),
    [map.data, source],
  );
  return (
    <section class="view map-view">
      <div class="toolbar">
        <div class="segmented" role="group" aria-label="Window">
          {MAP_WINDOWS.map((option) => (
            <button
              key={option}
              class={option === mapWindow ? 'on' : ''}
              onClick={() => setMapWindow(option)}
              data-testid={`window-${option}`}
            >
              {option}
            </button>
          ))}
        </div>
        <div class="segmented" role="group" aria-label="View">
          <button class={source === 'xray' ? 'on' : ''} onClick={() => setSource('xray')} data-testid="map-xray">
            X-Ray map
          </button>
          <button class={source === 'otel' ? 'on' : ''} onClick={() => setSource('otel')} data-testid="map-otel">
            OTel map
          </button>
        </div>
        <button onClick={map.reload}>Refresh</button>
        {map.data && (
          <span class="muted" data-testid="map-differences">
            {map.data.differences.length === 0
              ? 'both views agree'
              : `${map.data.differences.length} difference(s) between the views (marked ≠)`}
            {' · '}
            {formatTime(map.data.from)}–{formatTime(map.data.to)}
          </span>
        )}
      </div>
      <div class="legend">
        <span class="health health-ok">ok</span>
        <span class="health health-error">error (4xx)</span>
        <span class="health health-fault">fault (5xx)</span>
        <span class="health health-throttle">throttle (429)</span>
      </div>
      {map.error && <p class="error">{map.error}</p>}
      {map.data && (
        <div class="map-scroll">
          <MapGraph view={map.data[source]} different={different} selected={selected} onSelect={setSelected} />
        </div>
      )}
      {selected && (
        <div class="panel" data-testid="map-selection">
          <h2>
            Traces through {selected.kind} <code>{selected.key}</code>{' '}
            <button class="link" onClick={() => setSelected(undefined)}>
              close
            </button>
          </h2>
          {traces.error && <p class="error">{traces.error}</p>}
          {traces.data && <TraceTable traces={traces.data} />}
        </div>
      )}
    </section>
  );
}
