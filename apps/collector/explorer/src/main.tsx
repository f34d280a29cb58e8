import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './app.css';
import { useRoute } from './lib/router';
import { CompareView } from './views/compare.view';
import { ErrorsView } from './views/errors.view';
import { LogsView } from './views/logs.view';
import { MapView } from './views/map.view';
import { TraceView } from './views/trace.view';
import { TracesView } from './views/traces.view';

const NAV: Array<[string, string, string]> = [
  ['map', '#/map', 'Service map'],
  ['traces', '#/traces', 'Traces'],
  ['errors', '#/errors', 'Errors'],
  ['logs', '#/logs', 'Logs'],
];

/** `/` focuses the view's search box, wherever the focus is not already in a field. */
function useSlashFocusesSearch(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (event.key !== '/' || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      const search = document.querySelector<HTMLInputElement>('[data-search]');
      if (!search) return;
      event.preventDefault();
      search.focus();
      search.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function App() {
  const route = useRoute();
  useSlashFocusesSearch();
  const current = route.view === 'trace' || route.view === 'compare' ? 'traces' : route.view;
  return (
    <div class="app">
      <header class="top">
        <a class="brand" href="#/map">
          Trace explorer
        </a>
        <nav>
          {NAV.map(([view, href, label]) => (
            <a key={view} href={href} class={current === view ? 'active' : ''} data-testid={`nav-${view}`}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {route.view === 'map' && <MapView />}
        {route.view === 'traces' && <TracesView search={route.search} />}
        {route.view === 'trace' && <TraceView key={route.id} id={route.id} />}
        {route.view === 'compare' && <CompareView a={route.a} b={route.b} />}
        {route.view === 'errors' && <ErrorsView />}
        {route.view === 'logs' && <LogsView search={route.search} />}
      </main>
    </div>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
