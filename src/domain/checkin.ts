/**
 * Check-in on the app side, as plain functions (no Taro) so they are unit-tested. The server
 * reads and verifies codes; the app only carries what was scanned and shows the answer.
 */

/** Router params of the scan page: `scene` (a mini-program code or the h5 QR URL) or `code` (in-app scan). */
export function launchCode(params: Record<string, string | undefined>): string {
  const raw = params.scene || params.code || params.q || '';
  let s = raw;
  // WeChat hands `scene` over URL-encoded; h5 routers may or may not have decoded it already.
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(s); i++) {
    try {
      s = decodeURIComponent(s);
    } catch {
      break;
    }
  }
  return s.trim().slice(0, 512);
}

/** One nonce per scan: retries of that scan reuse it, so the server records it once. */
export function newNonce(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 20; i++) s += Math.floor(random() * 36).toString(36);
  return s;
}

export interface ScanOutcome {
  /** signedOut: a volunteer's sign-out (the volunteer wording says the rest). */
  status: 'ok' | 'already' | 'signedOut';
  kind: 'venue' | 'event';
  at: string;
  person: { name: string };
  venue: { id: string; name: string } | null;
  event: { id: string; title: string; place: string } | null;
  /** A branch meeting's code scanned by someone outside the branch: recorded as 列席, not as a member present. */
  guest?: boolean;
}

/** Headline, greeting and detail lines of the result page. */
export function describeScan(r: ScanOutcome, hhmm: (iso: string) => string) {
  const who = r.person.name.trim();
  const where = r.event ? r.event.title : r.venue?.name ?? '党群服务中心';
  return {
    headline: r.guest ? '已签到（列席）' : r.status === 'ok' ? '签到成功' : r.status === 'signedOut' ? '签退成功' : '已签到',
    greeting: who ? `${who}，您好！` : '您好！',
    lead: r.guest
      ? `您不是本支部党员，已作为列席人员登记参加“${where}”。`
      : r.status === 'ok'
        ? r.kind === 'event'
          ? `欢迎参加“${where}”。`
          : `欢迎来到${where}。`
        : r.status === 'signedOut'
          ? `感谢您参加“${where}”。`
          : `您已在 ${hhmm(r.at)} 签到，无需重复扫码。`,
    detail: r.kind === 'event' && r.event ? `地点：${r.event.place}` : '',
    time: `签到时间：${hhmm(r.at)}`,
  };
}

/** Whole seconds left, never negative. */
export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}

/** Bar length in percent of the largest value (at least a sliver for any non-zero value). */
export function barPercent(value: number, max: number): number {
  if (!max || value <= 0) return 0;
  return Math.max(2, Math.round((value / max) * 100));
}

/** `YYYY-MM-DD` of a Date in the park's zone (UTC+8, no daylight saving) whatever the device's zone. */
export function parkDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** `HH:mm` in park time of an ISO instant. */
export function parkHHmm(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '' : new Date(t.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

/** `11月23日 14:30` in park time. */
export function parkDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000);
  if (Number.isNaN(t.getTime())) return '';
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${t.toISOString().slice(11, 16)}`;
}

/** A range ending today of `days` park days, for the figures page presets. */
export function lastDays(days: number, now: Date = new Date()): { from: string; to: string } {
  const to = parkDate(now);
  const from = parkDate(new Date(now.getTime() - (days - 1) * 86400_000));
  return { from, to };
}

export const SIGN_IN_LABEL: Record<'open' | 'not_started' | 'ended' | 'closed', string> = {
  open: '签到中',
  not_started: '未开始',
  ended: '已结束',
  closed: '已停止',
};
