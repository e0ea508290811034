import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Reloads when the page is shown again (back from a form or a claim), but not on its first show —
 * the page's own load already runs then, and a second request would be wasted.
 */
export function useReturnReload(reload: () => unknown): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}
