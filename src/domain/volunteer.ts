/**
 * Pure helpers of the 志愿服务 pages (no Taro, unit-tested). Wording of states comes from the
 * server (phaseLabel, statusLabel, attendanceLabel); here only colours, the places line, the
 * activity form and how a scan result reads.
 */
import { minutesLabel } from '../../cloudfunctions/volunteer/hours';

export { minutesLabel };

export type Phase = 'cancelled' | 'ended' | 'ongoing' | 'not_open' | 'signup' | 'signup_closed';

/** Tag colour of an activity's phase: open for sign-up (red), waiting (gold), over (grey). */
export function phaseTone(p: Phase): 'active' | 'wait' | 'ended' | 'done' {
  if (p === 'signup') return 'active';
  if (p === 'not_open' || p === 'ongoing') return 'wait';
  if (p === 'signup_closed') return 'done';
  return 'ended';
}

/** `剩余 3 个名额` / `名额已满 · 2 人候补` / `共 20 个名额` (after sign-up). */
export function placesLine(a: { placesLeft: number; capacity: number; waiting: number; phase: Phase }): string {
  if (a.phase === 'ended' || a.phase === 'cancelled') return `共 ${a.capacity} 个名额`;
  if (a.placesLeft > 0) return `剩余 ${a.placesLeft} 个名额（共 ${a.capacity} 个）`;
  return a.waiting > 0 ? `名额已满 · ${a.waiting} 人候补` : '名额已满，可报名候补';
}

export interface ActivityForm {
  title: string;
  description: string;
  category: string;
  tags: string;
  teamId: string;
  place: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
  eligibility: 'all' | 'members';
  signupClosesAt: string;
  cancelClosesAt: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STAMP = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d$/;

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Form → createActivity / updateActivity params, or the first problem in Chinese. An end time
 * earlier than the start means the activity runs past midnight (e.g. 21:00–01:00).
 */
export function activityParams(f: ActivityForm): { params?: Record<string, unknown>; error?: string } {
  if (f.title.trim().length < 2) return { error: '请填写活动名称（至少 2 个字）' };
  if (!f.teamId) return { error: '请选择志愿服务队' };
  if (f.place.trim().length < 2) return { error: '请填写活动地点' };
  if (!DAY.test(f.date)) return { error: '日期格式应为 2026-12-01' };
  if (!HHMM.test(f.start) || !HHMM.test(f.end)) return { error: '时间格式应为 14:00' };
  if (f.start === f.end) return { error: '结束时间不能与开始时间相同' };
  const capacity = Number(f.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2000) return { error: '名额应为 1–2000 之间的整数' };
  for (const [v, label] of [[f.signupClosesAt, '报名截止时间'], [f.cancelClosesAt, '取消截止时间']] as const) {
    if (v.trim() && !STAMP.test(v.trim())) return { error: `${label}格式应为 2026-12-01 12:00` };
  }
  const tags = f.tags.split(/[,，、\s]+/).map((t) => t.trim()).filter(Boolean);
  if (tags.length > 5 || tags.some((t) => t.length > 10)) return { error: '标签最多 5 个，每个不超过 10 个字' };
  return {
    params: {
      title: f.title.trim(),
      description: f.description.trim(),
      category: f.category,
      tags,
      teamId: f.teamId,
      place: f.place.trim(),
      startAt: `${f.date} ${f.start}`,
      endAt: `${f.end < f.start ? nextDay(f.date) : f.date} ${f.end}`,
      capacity,
      eligibility: f.eligibility,
      ...(f.signupClosesAt.trim() ? { signupClosesAt: f.signupClosesAt.trim() } : {}),
      ...(f.cancelClosesAt.trim() ? { cancelClosesAt: f.cancelClosesAt.trim() } : {}),
    },
  };
}

export interface VolunteerScanResult {
  action: 'signIn' | 'signOut' | 'repeat';
  signedInAt: string;
  signedOutAt?: string | null;
  minutes?: number;
  title: string;
  note?: string;
}

/** What the check-in page says after scanning a volunteer activity's code. */
export function describeVolunteerScan(v: VolunteerScanResult, hhmm: (iso: string) => string) {
  if (v.action === 'signIn') return { headline: '志愿签到成功', lead: `欢迎参加“${v.title}”。离开时请再扫一次大屏上的二维码签退。`, detail: `签到时间：${hhmm(v.signedInAt)}` };
  if (v.action === 'signOut') {
    return { headline: '志愿签退成功', lead: `感谢您参加“${v.title}”！本次志愿时长 ${minutesLabel(v.minutes ?? 0)}。`, detail: `签到 ${hhmm(v.signedInAt)} · 签退 ${hhmm(v.signedOutAt ?? v.signedInAt)}` };
  }
  return { headline: v.signedOutAt ? '已签退' : '已签到', lead: v.note ?? '', detail: `签到时间：${hhmm(v.signedInAt)}${v.signedOutAt ? ` · 签退 ${hhmm(v.signedOutAt)}` : ''}` };
}
