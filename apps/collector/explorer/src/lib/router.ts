import { useEffect, useState } from 'preact/hooks';

/** The page's places, read from the URL's hash (`#/trace/<id>`), so links and reloads work. */
export type Route =
  | { view: 'map' }
  | { view: 'traces'; search: URLSearchParams }
  | { view: 'trace'; id: string }
  | { view: 'compare'; a: string; b: string }
  | { view: 'errors' }
  | { view: 'logs'; search: URLSearchParams };

export function parseRoute(hash: string): Route {
  const [pathPart, searchPart = ''] = hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const search = new URLSearchParams(searchPart);
  switch (parts[0]) {
    case 'traces':
      return { view: 'traces', search };
    case 'trace':
      return parts[1] ? { view: 'trace', id: parts[1] } : { view: 'traces', search };
    case 'compare':
      return parts[1] && parts[2] ? { view: 'compare', a: parts[1], b: parts[2] } : { view: 'traces', search };
    case 'errors':
      return { view: 'errors' };
    case 'logs':
      return { view: 'logs', search };
    default:
      return { view: 'map' };
  }
}

export function traceHref(id: string): string {
  return `#/trace/${encodeURIComponent(id)}`;
}

export function compareHref(a: string, b: string): string {
  return `#/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
