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

/** Where a demand stands on its service-level clock, as the server sends it (cloudfunctions/demand/sla.ts SlaView). */
export interface SlaLike {
  serviceClass: string;
  days: number;
  usedDays: number;
  remainingDays: number;
  dueAt: string | Date | null;
  running: boolean;
  paused: boolean;
  overdue: boolean;
  dueSoon: boolean;
  onTime: boolean | null;
}

const wd = (n: number) => `${Math.round(Math.abs(n) * 10) / 10} 个工作日`;

/**
 * The service-level clock in words: the promise (class and working days), and where it stands —
 * running (left, or overdue by), paused while the enterprise answers (and why that is not counted),
 * or finished (on time or not). `tone` picks the colour.
 */
export function slaLines(s: SlaLike): { head: string; status: string; note: string; tone: 'ok' | 'warn' | 'late' | 'pause' } {
  const head = `${s.serviceClass}类 · 承诺 ${s.days} 个工作日内办结`;
  if (s.paused) {
    return {
      head,
      status: `计时已暂停（已用 ${wd(s.usedDays)}，剩余 ${wd(Math.max(0, s.remainingDays))}）`,
      note: '等待企业补充材料期间不计入办理时限，企业补充后继续计时。',
      tone: 'pause',
    };
  }
  if (s.onTime !== null) {
    return { head, status: s.onTime ? `按时办结（用时 ${wd(s.usedDays)}）` : `超时办结（用时 ${wd(s.usedDays)}）`, note: '', tone: s.onTime ? 'ok' : 'late' };
  }
  if (!s.running) return { head, status: `用时 ${wd(s.usedDays)}`, note: '', tone: 'ok' };
  if (s.overdue) return { head, status: `已超期 ${wd(s.remainingDays)}`, note: '按园区工作日计算，节假日和周末不计。', tone: 'late' };
  const due = s.dueAt ? `，预计 ${parkTime(s.dueAt)} 到期` : '';
  return { head, status: `剩余 ${wd(s.remainingDays)}${due}`, note: '按园区工作日计算，节假日和周末不计。', tone: s.dueSoon ? 'warn' : 'ok' };
}

/** A short clock tag for list rows: 剩 1.5 个工作日 / 计时暂停 / 即将到期; '' when there is nothing to say. */
export function slaTag(s: SlaLike | undefined): string {
  if (!s) return '';
  if (s.paused) return '计时暂停';
  if (!s.running || s.overdue) return '';
  return s.dueSoon ? `即将到期 · 剩 ${wd(s.remainingDays)}` : `剩 ${wd(s.remainingDays)}`;
}

interface StepLike {
  action: string;
}

/**
 * The timeline cut into rounds of handling: round 1 starts at submission, every 不满意 (redo) or
 * 未解决 (reopen) starts the next — a 重办 is read as its own round, with its steps under it.
 * Returned newest round first, each round's steps newest first (how the page shows them).
 */
export function timelineRounds<T extends StepLike>(timeline: readonly T[]): { round: number; redo: boolean; steps: T[] }[] {
  const rounds: { round: number; redo: boolean; steps: T[] }[] = [{ round: 1, redo: false, steps: [] }];
  for (const t of timeline) {
    if (t.action === 'redo' || t.action === 'reopen') rounds.push({ round: rounds.length + 1, redo: t.action === 'redo', steps: [] });
    rounds[rounds.length - 1].steps.push(t);
  }
  return rounds.map((r) => ({ ...r, steps: [...r.steps].reverse() })).reverse();
}

/** The heading of a round: 第 2 轮（不满意重办）. */
export function roundTitle(r: { round: number; redo: boolean }): string {
  if (r.round === 1) return '第 1 轮办理';
  return `第 ${r.round} 轮办理（${r.redo ? '不满意重办' : '未解决重新办理'}）`;
}

/** Every park day from `from` to `to` inclusive ('YYYY-MM-DD'); [] when `to` is before `from`. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

/** 'YYYY-MM' of the park month `back` months before the one of `today`. */
export function monthBefore(today: string, back: number): string {
  const [y, m] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 7);
}

/** 周一 … 周日 of a park day. */
export function weekdayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `周${'日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}
