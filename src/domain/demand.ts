/**
 * Demand wording and small rules for the app, as plain functions (tested without Taro). The state
 * machine itself is the server's (cloudfunctions/demand/machine.ts): the server sends the steps the
 * viewer may take (`actions`), these only label them.
 */
import type { DemandAction } from '../../cloudfunctions/demand/machine';
import type { DemandState } from '../../cloudfunctions/demand/terms';

export type { DemandAction, DemandState };

/** Timeline wording of each step. */
export const STEP_LABEL: Record<'submit' | 'callback' | 'lapse' | DemandAction, string> = {
  submit: '提交',
  assign: '分派办理人',
  accept: '受理',
  progress: '办理进展',
  askInfo: '请补充材料',
  answerInfo: '补充说明',
  resolve: '办结',
  rate: '确认评价',
  redo: '不满意重办',
  reopen: '重新办理',
  cancel: '撤回',
  callback: '回访',
  lapse: '逾期未补充，自动关闭',
};

/** Shanghai has no daylight saving: park time is UTC+8 all year. */
const PARK_OFFSET_MS = 8 * 3600_000;

/** 'YYYY-MM-DD HH:mm' in the park's time, whatever the phone's zone. */
export function parkTime(at: string | number | Date | null | undefined): string {
  if (at === null || at === undefined) return '';
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + PARK_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Today's park day 'YYYY-MM-DD'. */
export function parkToday(nowMs = Date.now()): string {
  return new Date(nowMs + PARK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The park day `days` after `day` ('YYYY-MM-DD'). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Due-day choices an admin taps when assigning (no date wheel: a tap, and the day is shown). */
export function dueChoices(today: string): { label: string; date: string }[] {
  return [3, 7, 15, 30].map((n) => ({ label: `${n} 天`, date: addDays(today, n) }));
}

/** A hint under a due day: 今天到期 / 还剩 3 天 / 已逾期 2 天. */
export function dueHint(dueDate: string | null, today: string): string {
  if (!dueDate) return '';
  const diff = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000);
  if (diff < 0) return `已逾期 ${-diff} 天`;
  if (diff === 0) return '今天到期';
  return `还剩 ${diff} 天`;
}

export interface DemandForm {
  category: string;
  title: string;
  description: string;
  contactWay: string;
  contactPhone: string;
}

export type DemandFormErrors = Partial<Record<keyof DemandForm, string>>;

/** Same rules as demand.submit, checked before sending so the person sees them under each field. */
export function validateDemandForm(f: DemandForm): DemandFormErrors {
  const e: DemandFormErrors = {};
  if (!f.category) e.category = '请选择诉求类别';
  const title = f.title.trim();
  if (title.length < 2) e.title = '请用一句话概括诉求（至少 2 个字）';
  else if (title.length > 40) e.title = '标题不超过 40 个字';
  const desc = f.description.trim();
  if (desc.length < 5) e.description = '请把情况说得具体一些（至少 5 个字）';
  else if (desc.length > 1000) e.description = '情况说明不超过 1000 个字';
  const phone = f.contactPhone.trim();
  if (phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone)) e.contactPhone = '请填写手机号或座机号（如 0512-66881921）';
  return e;
}

/** Stars as text, e.g. ★★★★☆. */
export function stars(score: number | null | undefined): string {
  const n = Math.max(0, Math.min(5, Math.round(score ?? 0)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}

/** 62.5% style percentage of a 0–1 rate; '—' when there is none. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Hours as 天/小时 for the figures: 44 → '44 小时', 62 → '2.6 天', 0.2 → '不足 1 小时'. */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return '不足 1 小时';
  return hours < 48 ? `${Math.round(hours * 10) / 10} 小时` : `${Math.round((hours / 24) * 10) / 10} 天`;
}
