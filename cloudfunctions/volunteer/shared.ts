/** Pieces every volunteer action shares: params, loaders, views, wording. */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { ActivityDoc, RegistrationDoc, VolunteerTeamDoc } from './docs';
import { activeKey } from './attendance';
import { attendance, SIGN_OUT_GRACE_MS } from './hours';

export { parkRange } from '../../server/core/time';
export { parkTimeParam } from '../checkin/public';

export const idParam = z.string().trim().min(1).max(64);

/** The page an outbox message about an activity opens. */
export const ACTIVITY_PAGE = (id: string) => `packages/volunteer/detail/index?id=${id}`;

export const CATEGORIES = ['送党课', '送培训', '送服务', '科普', '科技扶贫', '其他'] as const;

export const ELIGIBILITY_LABEL = { all: '所有人可报名', members: '仅限党员' } as const;
export const REG_STATUS_LABEL = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' } as const;
export const ATTENDANCE_LABEL = {
  upcoming: '待参加',
  signed_in: '已签到',
  missing_out: '缺签退',
  credited: '已计时长',
  absent: '未签到',
  no_show: '缺席',
} as const;

export async function getActivity(id: string): Promise<WithId<ActivityDoc>> {
  const [a] = (await col('volunteerActivities').doc(id).get()).data;
  if (!a) throw new AppError('NOT_FOUND', '该志愿活动不存在或已被删除，请返回列表刷新。');
  return a;
}

/** Rows one read returns at most (CloudBase cuts `limit` to 1000). */
export const PAGE = 1000;

/** `items` in slices of PAGE, e.g. for `_.in(ids)` lookups of a whole roster. */
export function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += PAGE) out.push(items.slice(i, i + PAGE));
  return out;
}

/**
 * Every active (confirmed or waitlisted) registration of an activity, in ticket order. An
 * activity holds up to 2000 places plus its waitlist, more than one read returns (L-22), so this
 * pages by ticket (each active row has its own), one read per 1000 people. `from`: only tickets
 * after it (the rest of a roster whose first page came with another read).
 */
export async function activeRegistrations(activityId: string, from = 0): Promise<WithId<RegistrationDoc>[]> {
  const _ = cmd();
  const all: WithId<RegistrationDoc>[] = [];
  for (let after = from; ; ) {
    const { data } = await col('volunteerRegistrations')
      .where({ activityId, status: _.in(['confirmed', 'waitlisted']), ticket: _.gt(after) })
      .orderBy('ticket', 'asc')
      .limit(PAGE)
      .get();
    all.push(...data);
    if (data.length < PAGE) return all;
    after = data[data.length - 1].ticket;
  }
}

export async function getTeam(id: string): Promise<WithId<VolunteerTeamDoc>> {
  const [t] = (await col('volunteerTeams').doc(id).get()).data;
  if (!t) throw new AppError('NOT_FOUND', '该志愿服务队不存在，请刷新后重新选择。');
  return t;
}

/** The caller's active (confirmed or waitlisted) registration for an activity, if any. */
export async function activeRegistration(activityId: string, openid: string): Promise<WithId<RegistrationDoc> | null> {
  const { data } = await col('volunteerRegistrations').where({ activeKey: activeKey(activityId, openid) }).limit(1).get();
  return data[0] ?? null;
}

/** Where an activity is in its life, for tags and buttons. */
export function phase(a: ActivityDoc, now = Date.now()): 'cancelled' | 'ended' | 'ongoing' | 'not_open' | 'signup' | 'signup_closed' {
  if (a.status === 'cancelled') return 'cancelled';
  if (now > new Date(a.endAt).getTime()) return 'ended';
  if (now >= new Date(a.startAt).getTime()) return 'ongoing';
  if (a.status === 'closed' || now >= new Date(a.signupClosesAt).getTime()) return 'signup_closed';
  if (now < new Date(a.signupOpensAt).getTime()) return 'not_open';
  return 'signup';
}

export const PHASE_LABEL = {
  cancelled: '已取消',
  ended: '已结束',
  ongoing: '进行中',
  not_open: '未开始报名',
  signup: '报名中',
  signup_closed: '报名已截止',
} as const;

export function activityView(a: WithId<ActivityDoc>, caller: Pick<Caller, 'is'>, now = Date.now()) {
  const p = phase(a, now);
  const eligible = caller.is('member') || a.eligibility === 'all';
  return {
    id: a._id,
    title: a.title,
    description: a.description,
    category: a.category,
    tags: a.tags,
    teamId: a.teamId,
    teamName: a.teamName,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    signupOpensAt: a.signupOpensAt,
    signupClosesAt: a.signupClosesAt,
    cancelClosesAt: a.cancelClosesAt,
    eligibility: a.eligibility,
    eligibilityLabel: ELIGIBILITY_LABEL[a.eligibility],
    status: a.status,
    phase: p,
    phaseLabel: PHASE_LABEL[p],
    capacity: a.capacity,
    confirmed: a.confirmed,
    placesLeft: Math.max(0, a.left),
    waiting: a.waiting,
    /** The caller may sign up now (to a place or to the waitlist). */
    canSignUp: p === 'signup' && eligible,
  };
}
export type ActivityView = ReturnType<typeof activityView>;

export function registrationView(r: WithId<RegistrationDoc>, now = Date.now()) {
  const span = { startAt: r.startAt, endAt: r.endAt };
  const att = r.status === 'confirmed' ? attendance(r, span, now) : null;
  // Once the activity has started nobody is promoted any more (cancelRefusal): the wait is over (L-21).
  const waitlistLapsed = r.status === 'waitlisted' && now >= new Date(r.startAt).getTime();
  return {
    id: r._id,
    activityId: r.activityId,
    title: r.title,
    startAt: r.startAt,
    endAt: r.endAt,
    status: r.status,
    statusLabel: waitlistLapsed ? '候补未递补' : REG_STATUS_LABEL[r.status],
    waitlistLapsed,
    ticket: r.ticket,
    signedInAt: r.signedInAt,
    signedOutAt: r.signedOutAt,
    minutes: r.minutes,
    hours: r.hours,
    noShow: r.noShow,
    attendance: att,
    attendanceLabel: att ? ATTENDANCE_LABEL[att] : '',
    promotedAt: r.promotedAt,
    createdAt: r.createdAt,
  };
}
export type RegistrationView = ReturnType<typeof registrationView>;

/** Confirmed volunteers may cancel until the activity's cancel deadline; waitlisted ones until the start. */
/** A volunteer who signed in is working: their place cannot go to someone else (lifecycle L-19). */
export const SIGNED_IN_NO_CANCEL = '您已签到，不能取消报名；如需离开，请扫描现场二维码签退。';

export function cancelRefusal(a: ActivityDoc, r: Pick<RegistrationDoc, 'status' | 'signedInAt'>, now = Date.now()): string | null {
  if (a.status === 'cancelled') return '该活动已取消，无需再取消报名。';
  if (r.signedInAt) return SIGNED_IN_NO_CANCEL;
  const limit = r.status === 'confirmed' ? a.cancelClosesAt : a.startAt;
  if (now >= new Date(limit).getTime()) {
    return r.status === 'confirmed' ? '已过取消截止时间，不能在线取消；如确实无法参加，请联系活动组织者。' : '活动已开始，候补报名已失效。';
  }
  return null;
}

/** Whether an ended activity's no-shows can be marked: after the sign-out grace. */
export const noShowsDue = (a: ActivityDoc, now = Date.now()) =>
  a.status !== 'cancelled' && now > new Date(a.endAt).getTime() + SIGN_OUT_GRACE_MS;

