/**
 * How a month's standing reads, on its own so the 学习 tab (main package) imports only this and
 * not the rest of the study helpers, which belong to the study sub-package.
 */
export interface Standing {
  read: number;
  total: number;
  recorded: boolean;
  finished: boolean;
}

/** '本月学习已完成' / '已学 1/3 · 自学记录待写' */
export function standingText(s: Standing | null | undefined): string {
  if (!s) return '';
  if (s.finished) return '本月学习已完成';
  const parts = [s.total ? `已学 ${s.read}/${s.total}` : '', s.recorded ? '自学记录已写' : '自学记录待写'].filter(Boolean);
  return parts.join(' · ');
}
