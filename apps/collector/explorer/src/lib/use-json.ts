import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
  /** Fetches again (the same path). */
  reload: () => void;
}

/** Fetches a read-API path whenever it changes; an older answer never overwrites a newer one. */
export function useJson<T>(path: string | undefined): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: !!path });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    getJson<T>(path, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [path, generation]);
  return { ...state, reload: () => setGeneration((n) => n + 1) };
}
