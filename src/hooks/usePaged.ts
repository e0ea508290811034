import { useCallback, useEffect, useReducer, useRef } from 'react';
import { initialPaged, pagedReducer, type Page, type PagedState } from '../domain/paged';

/**
 * A paged list ("加载更多") with loading, error and reload: `fetchPage(page)` is called with 1 on
 * (re)load and the next page number on `more()`. Reloads when `deps` change (e.g. filters).
 */
export function usePaged<T extends { id: string }>(fetchPage: (page: number) => Promise<Page<T>>, deps: unknown[]) {
  const [state, dispatch] = useReducer(pagedReducer<T>, undefined, () => initialPaged<T>());
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const stateRef = useRef<PagedState<T>>(state);
  stateRef.current = state;

  const run = useCallback(async (page: number, generation: number) => {
    try {
      const result = await fetchRef.current(page);
      dispatch({ type: 'loaded', generation, page, result });
    } catch (error) {
      dispatch({ type: 'failed', generation, error });
    }
  }, []);

  const reload = useCallback(() => {
    const generation = stateRef.current.generation + 1;
    dispatch({ type: 'reload' });
    return run(1, generation);
  }, [run]);

  const more = useCallback(() => {
    const s = stateRef.current;
    if (s.loading || s.loadingMore || !s.hasMore) return Promise.resolve();
    dispatch({ type: 'more' });
    return run(s.page + 1, s.generation);
  }, [run]);

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { ...state, reload, more };
}
