/** Pieces every appointment action shares: params, views, loaders, message wording. */
import * as z from 'zod';
import { col, cmd, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { OutboxInput } from '../../server/core/outbox';
import { parkRange } from '../../server/core/time';
import type { BookingDoc, ExpertDoc, SlotDoc, TeamDoc } from './docs';
import { STATE_LABEL } from './stateMachine';
import { RULES, MINUTE } from './rules';

export const idParam = z.string().trim().min(1).max(64);
export const openidParam = z.string().trim().min(1).max(128);
export { dayParam, clockParam as hhmmParam } from '../../server/core/params';
export const textParam = (max: number) => z.string().trim().max(max);

export { parkTime, parkRange } from '../../server/core/time';

export async function loadTeams(): Promise<Map<string, WithId<TeamDoc>>> {
  const { data } = await col('teams').orderBy('order', 'asc').limit(100).get();
  return new Map(data.map((t) => [t._id, t]));
}

export async function loadExperts(ids: string[]): Promise<Map<string, WithId<ExpertDoc>>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data } = await col('experts').where({ _id: cmd().in(unique) }).limit(1000).get();
  return new Map(data.map((e) => [e._id, e]));
}

export function expertView(e: WithId<ExpertDoc>) {
  return {
    id: e._id,
    teamId: e.teamId,
    name: e.name,
    organisation: e.organisation,
    title: e.title,
    specialities: e.specialities,
    intro: e.intro,
    autoConfirm: e.autoConfirm,
  };
}
export type ExpertView = ReturnType<typeof expertView>;

/**
 * A slot as a caller sees it. `lockedUntil` is set when the slot is still in its paired
 * enterprises' priority window and the caller is not one of them.
 */
export function slotView(s: WithId<SlotDoc>, caller: Caller | null, expert?: WithId<ExpertDoc>, now = Date.now()) {
  const priority = s.priorityUntil && new Date(s.priorityUntil).getTime() > now;
  const mine = !!caller?.user.enterpriseId && s.priorityEnterpriseIds.includes(caller.user.enterpriseId);
  return {
    id: s._id,
    expertId: s.expertId,
    expertName: expert?.name ?? '',
    expertOrganisation: expert?.organisation ?? '',
    expertTitle: expert?.title ?? '',
    teamId: s.teamId,
    startAt: s.startAt,
    endAt: s.endAt,
    mode: s.mode,
    place: s.place,
    kind: s.kind,
    rovingDayId: s.rovingDayId,
    state: s.state,
    bookable: s.state === 'open' && new Date(s.startAt).getTime() - now >= RULES.minNoticeMinutes * MINUTE,
    /** The caller's enterprise is paired with the expert and may book before others. */
    priorityForYou: !!priority && mine,
    lockedUntil: priority && !mine ? s.priorityUntil : null,
  };
}
export type SlotView = ReturnType<typeof slotView>;

export function bookingView(b: WithId<BookingDoc>) {
  return {
    id: b._id,
    slotId: b.slotId,
    expertId: b.expertId,
    expertName: b.expertName,
    teamId: b.teamId,
    teamName: b.teamName,
    enterpriseId: b.enterpriseId,
    enterpriseName: b.enterpriseName,
    bookedByName: b.bookedByName,
    startAt: b.startAt,
    endAt: b.endAt,
    mode: b.mode,
    place: b.place,
    kind: b.kind,
    topic: b.topic,
    note: b.note,
    state: b.state,
    stateLabel: STATE_LABEL[b.state],
    history: b.history.map((h) => ({ state: h.state, label: STATE_LABEL[h.state], at: h.at, role: h.role, note: h.note ?? '' })),
    serviceRecord: b.serviceRecord,
    score: b.score,
    comment: b.comment,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt,
    /** Times this booking was moved, and from when (newest last). */
    moves: b.moves ?? 0,
    rescheduledFrom: (b.reschedules ?? []).map((r) => ({ startAt: r.fromStartAt, endAt: r.fromEndAt, at: r.at })),
    /** The expert took leave over this time: the enterprise is asked to pick another (reschedule). */
    needsReschedule: b.needsReschedule ? { reason: b.needsReschedule.reason, at: b.needsReschedule.at } : null,
    /** Only a confirmed booking can go to a calendar (calendarEvent). */
    calendarAvailable: b.state === 'confirmed',
    noShowExcused: !!b.noShowExcused,
    noShowAppealed: !!b.noShowAppeal,
  };
}
export type BookingView = ReturnType<typeof bookingView>;

/**
 * Whether `caller` may see `b`: the booking belongs to the enterprise (any of its contacts),
 * the expert who serves it, or an admin. Others are told it does not exist.
 */
export function canSee(b: BookingDoc, caller: Caller): boolean {
  if (caller.is('admin')) return true;
  if (caller.is('enterprise') && caller.user.enterpriseId && b.enterpriseId === caller.user.enterpriseId) return true;
  if (caller.is('expert') && b.expertId === caller.openid) return true;
  return false;
}

export async function getBookingFor(id: string, caller: Caller): Promise<WithId<BookingDoc>> {
  const [b] = (await col('bookings').doc(id).get()).data;
  if (!b || !canSee(b, caller)) throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
  return b;
}

export function enterpriseOf(caller: Caller): string {
  const id = caller.user.enterpriseId;
  if (!id) throw new AppError('FORBIDDEN', '请先用企业邀请码绑定企业，再预约服务。');
  return id;
}

export function expertTeamOf(caller: Caller): string {
  const id = caller.user.expertTeamId;
  if (!id) throw new AppError('FORBIDDEN', '您尚未加入服务团，请联系党群服务中心。');
  return id;
}

/** Who is told when something needs the center (the kernel's list, one query). */
export { adminRecipients } from '../../server/core/admins';

/** Pages the outbox messages open. */
export const BOOKING_PAGE = (id: string) => `packages/appointment/booking/index?id=${id}`;

export const counterId = (enterpriseId: string, teamId: string) => `${enterpriseId}_${teamId}`;
/**
 * The fixed ids of a booking's two reminders for its current time: a moved booking (`moves`) gets
 * new ids, so the reminders of its new time are queued once each while the old ones (dropped at
 * send time by `sendIf.slotId`) can never block them as duplicates.
 */
export const reminderIds = (b: { _id: string; moves?: number }) => {
  const m = b.moves ? `-m${b.moves}` : '';
  return [`remind-${b._id}${m}-ent`, `remind-${b._id}${m}-exp`];
};

/**
 * The two reminders of a confirmed appointment (enterprise contact who booked, expert), queued
 * when it becomes confirmed — at booking for an auto-confirming expert, else on `confirm` — never
 * for a request nobody agreed to. Fixed ids, so a cancellation withdraws exactly them;
 * `sendIf` makes the deliverer drop one whose booking is no longer confirmed when it falls due.
 */
export function reminderRows(b: WithId<Pick<BookingDoc, 'slotId' | 'moves' | 'startAt' | 'endAt' | 'place' | 'topic' | 'expertId' | 'expertName' | 'enterpriseName' | 'bookedBy'>>, now = new Date()): (OutboxInput & { id: string })[] {
  const [ent, exp] = reminderIds(b);
  // `slotId` too: a reminder of a time the booking has since moved away from is dropped at send
  // time, so a reschedule need not spend a write withdrawing it (reschedule.ts).
  const common = {
    type: 'appointment.reminder', template: 'appointmentReminder', page: BOOKING_PAGE(b._id), ref: `bookings/${b._id}`,
    dueAt: reminderDue(new Date(b.startAt), now), sendIf: { state: 'confirmed', slotId: b.slotId },
  };
  const when = { time: parkRange(b.startAt, b.endAt), place: b.place, topic: b.topic.slice(0, 20) };
  return [
    { ...common, id: ent, toOpenid: b.bookedBy, data: { expert: b.expertName, ...when } },
    { ...common, id: exp, toOpenid: b.expertId, data: { enterprise: b.enterpriseName, ...when } },
  ];
}

/** When the reminder of an appointment goes out: a day before, or shortly before when booked late. */
export function reminderDue(startAt: Date, now = new Date()): Date {
  const dayBefore = startAt.getTime() - RULES.reminderMinutesBefore * MINUTE;
  if (dayBefore > now.getTime()) return new Date(dayBefore);
  return new Date(Math.max(now.getTime(), startAt.getTime() - RULES.lateReminderMinutes * MINUTE));
}
