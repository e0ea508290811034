import dayjs from 'dayjs';

/** '刚刚', '14:05' today, '11月20日 09:30' this year, else the full date. */
export function messageTime(iso: string, now: Date = new Date()): string {
  const t = dayjs(iso);
  const n = dayjs(now);
  if (n.diff(t, 'minute') < 1) return '刚刚';
  if (t.isSame(n, 'day')) return t.format('HH:mm');
  if (t.isSame(n, 'year')) return t.format('M月D日 HH:mm');
  return t.format('YYYY年M月D日');
}
