import { useCallback, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';

/**
 * A long list already in hand, shown a window at a time (issue 19): WeChat's audit wants fewer
 * than 1,000 nodes per page and no single setData of 256 KB, and Taro's setData carries the
 * rendered rows, not the reply — so rendering `step` rows and revealing `step` more on 加载更多 or
 * on reaching the bottom keeps a page light however many rows the park grows. It costs nothing on
 * the server; the reply itself still holds every row (use server paging, usePaged, where that
 * grows without bound). `bottom: false` for a list that is not the last one on its page.
 */
export function useShown<T>(items: readonly T[] | undefined, step = 20, { bottom = true } = {}) {
  const [count, setCount] = useState(step);
  const total = items?.length ?? 0;
  const more = useCallback(() => setCount((n) => n + step), [step]);
  useReachBottom(() => {
    if (bottom && count < total) more();
  });
  // `windowed`: the list is longer than one window, so its foot (ShowMore) says how much is shown.
  return { shown: (items ?? []).slice(0, count), total, count: Math.min(count, total), hasMore: count < total, windowed: total > step, more };
}
