import { LoadMore } from './LoadMore';

/** The foot of a list shown a window at a time (useShown): nothing when the list fits in one window. */
export function ShowMore({ w }: { w: { total: number; count: number; hasMore: boolean; windowed: boolean; more: () => void } }) {
  if (!w.windowed) return null;
  return <LoadMore hasMore={w.hasMore} loading={false} count={w.count} total={w.total} onMore={w.more} />;
}
