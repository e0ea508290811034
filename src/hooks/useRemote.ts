import { useCallback, useEffect, useRef, useState } from 'react';

export interface RemoteState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Page-local remote data with loading / error / reload. Late replies of superseded loads
 * are dropped, so a quick 重试 never shows stale data.
 */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[] = []) {
  const [state, setState] = useState<RemoteState<T>>({ data: undefined, error: undefined, loading: true });
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const reload = useCallback(async () => {
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    try {
      const data = await fetcherRef.current();
      if (my === seq.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (my === seq.current) setState((s) => ({ ...s, error, loading: false }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    void reload();
  }, [reload]);

  const setData = useCallback((update: (d: T | undefined) => T | undefined) => {
    setState((s) => ({ ...s, data: update(s.data) }));
  }, []);

  return { ...state, reload, setData };
}
