/**
 * A list read page by page ("加载更多"), as a pure reducer so its rules are tested without React:
 * a reload replaces the items, a next page appends them (dropping any already shown, in case new
 * items pushed the pages along), and late replies of a superseded load are ignored.
 */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
  total?: number;
}

export interface PagedState<T> {
  items: T[];
  page: number;
  hasMore: boolean;
  total: number;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  /** Bumped by every reload: replies carrying an older generation are dropped. */
  generation: number;
}

export const initialPaged = <T>(): PagedState<T> => ({
  items: [],
  page: 0,
  hasMore: false,
  total: 0,
  loading: true,
  loadingMore: false,
  error: undefined,
  generation: 0,
});

export type PagedEvent<T> =
  | { type: 'reload' }
  | { type: 'more' }
  | { type: 'loaded'; generation: number; page: number; result: Page<T> }
  | { type: 'failed'; generation: number; error: unknown };

export function pagedReducer<T extends { id: string }>(s: PagedState<T>, e: PagedEvent<T>): PagedState<T> {
  switch (e.type) {
    case 'reload':
      return { ...s, loading: true, loadingMore: false, error: undefined, generation: s.generation + 1 };
    case 'more':
      return { ...s, loadingMore: true, error: undefined };
    case 'loaded': {
      if (e.generation !== s.generation) return s;
      const seen = new Set(e.page === 1 ? [] : s.items.map((i) => i.id));
      const items = e.page === 1 ? e.result.items : [...s.items, ...e.result.items.filter((i) => !seen.has(i.id))];
      return { ...s, items, page: e.page, hasMore: e.result.hasMore, total: e.result.total ?? items.length, loading: false, loadingMore: false, error: undefined };
    }
    case 'failed':
      if (e.generation !== s.generation) return s;
      return { ...s, loading: false, loadingMore: false, error: e.error };
  }
}
