import { initialPaged, pagedReducer, type PagedState } from './paged';

type Item = { id: string };
const page = (ids: string[], hasMore: boolean, total = 5) => ({ items: ids.map((id) => ({ id })), hasMore, total });

describe('pagedReducer', () => {
  it('replaces on reload and appends the next page without repeating items', () => {
    let s: PagedState<Item> = pagedReducer(initialPaged<Item>(), { type: 'reload' });
    s = pagedReducer(s, { type: 'loaded', generation: s.generation, page: 1, result: page(['a', 'b'], true) });
    expect(s).toMatchObject({ page: 1, hasMore: true, total: 5, loading: false });
    s = pagedReducer(s, { type: 'more' });
    expect(s.loadingMore).toBe(true);
    s = pagedReducer(s, { type: 'loaded', generation: s.generation, page: 2, result: page(['b', 'c'], false) });
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(s).toMatchObject({ page: 2, hasMore: false, loadingMore: false });
  });

  it('drops replies of a load that a newer reload superseded', () => {
    let s = pagedReducer(initialPaged<Item>(), { type: 'reload' });
    const old = s.generation;
    s = pagedReducer(s, { type: 'reload' });
    s = pagedReducer(s, { type: 'loaded', generation: old, page: 1, result: page(['stale'], false) });
    expect(s.loading).toBe(true);
    expect(s.items).toEqual([]);
    s = pagedReducer(s, { type: 'failed', generation: old, error: new Error('x') });
    expect(s.error).toBeUndefined();
    s = pagedReducer(s, { type: 'loaded', generation: s.generation, page: 1, result: page(['fresh'], false) });
    expect(s.items.map((i) => i.id)).toEqual(['fresh']);
  });

  it('keeps the items shown when loading more fails', () => {
    let s = pagedReducer(initialPaged<Item>(), { type: 'reload' });
    s = pagedReducer(s, { type: 'loaded', generation: s.generation, page: 1, result: page(['a'], true) });
    s = pagedReducer(s, { type: 'more' });
    s = pagedReducer(s, { type: 'failed', generation: s.generation, error: 'net' });
    expect(s).toMatchObject({ items: [{ id: 'a' }], error: 'net', loadingMore: false, hasMore: true });
  });
});
