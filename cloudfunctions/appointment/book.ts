import * as z from 'zod';
import { createHash, randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { enqueue } from '../../server/core/outbox';
import { requirePrivacyConsent } from '../../server/core/consent';
import { cooldownRefusal, NO_SHOW_RULE, noShowCooldown } from '../../server/core/noShow';
import type { UserDoc } from '../../server/core/schema';
import type { BookingDoc, BookingEvent, ExpertDoc, SlotDoc, SlotState, TeamDoc } from './docs';
import { RULES, MINUTE } from './rules';
import { closeUnrecorded, expireDue } from './expire';
import { BOOKING_PAGE, bookingView, counterId, enterpriseOf, idParam, parkRange, parkTime, reminderRows } from './shared';

/** Why a slot cannot be booked: taken by someone (held), or closed because its expert cannot make it. */
export function notOpen(state: SlotState): AppError {
  return state === 'closed'
    ? new AppError('CLOSED', '该时段已关闭，请选择其他时段。')
    : new AppError('CONFLICT', '该时段已被其他企业预约，请选择其他时段。');
}

export const GONE = () => new AppError('NOT_FOUND', '该时段不存在或已被专家撤回，请刷新后重新选择。');

/** Why `slot` is not bookable by `enterpriseId` at `now`, or null if it is (the same rules the hold's condition states). */
export function refusal(slot: WithId<SlotDoc> | undefined, enterpriseId: string, now: Date): AppError | null {
  if (!slot) return GONE();
  if (slot.state !== 'open') return notOpen(slot.state);
  if (new Date(slot.startAt).getTime() - now.getTime() < RULES.minNoticeMinutes * MINUTE) {
    return new AppError('CLOSED', `距开始已不足 ${RULES.minNoticeMinutes / 60} 小时，无法在线预约，请选择其他时段或致电党群服务中心。`);
  }
  if (slot.priorityUntil && new Date(slot.priorityUntil).getTime() > now.getTime() && !slot.priorityEnterpriseIds.includes(enterpriseId)) {
    return new AppError('CLOSED', `该时段目前优先开放给专家的结对企业，${parkTime(slot.priorityUntil)} 后开放预约。`);
  }
  return null;
}

/** `refusal`'s rules as the condition of the hold: open, far enough ahead, priority window passed or ours. */
export function bookableWhere(slotId: string, enterpriseId: string, now: Date) {
  const _ = cmd();
  return _.and([
    { _id: slotId, state: 'open', startAt: _.gte(new Date(now.getTime() + RULES.minNoticeMinutes * MINUTE)) },
    _.or([{ priorityUntil: null }, { priorityUntil: _.lte(now) }, { priorityEnterpriseIds: enterpriseId }]),
  ]);
}

/** The slot with everything the booking needs to know about the people around it, read in one aggregation. */
type SlotContext = WithId<SlotDoc> & {
  expert: WithId<ExpertDoc>[];
  expertUser: Pick<UserDoc, 'roles'>[];
  team: WithId<TeamDoc>[];
  enterprise: { _id: string; name: string }[];
  counter: { _id: string; open: number }[];
  /** The enterprise's unexcused no-shows of the window (noShow rule), joined in the same request. */
  noShows: Pick<BookingDoc, 'startAt' | 'noShowAt'>[];
};

async function slotContext(slotId: string, enterpriseId: string, now: Date): Promise<SlotContext | undefined> {
  const _ = cmd();
  const $ = _.aggregate;
  const since = new Date(now.getTime() - NO_SHOW_RULE.windowDays * 86_400_000);
  const { data } = await col('slots')
    .aggregate()
    .match({ _id: slotId })
    .addFields({ enterpriseKey: enterpriseId, counterKey: $.concat([`${enterpriseId}_`, '$teamId']) })
    .lookup({ from: 'experts', localField: 'expertId', foreignField: '_id', as: 'expert' })
    .lookup({ from: 'users', localField: 'expertId', foreignField: '_id', as: 'expertUser' })
    .lookup({ from: 'teams', localField: 'teamId', foreignField: '_id', as: 'team' })
    .lookup({ from: 'enterprises', localField: 'enterpriseKey', foreignField: '_id', as: 'enterprise' })
    .lookup({ from: 'bookingCounters', localField: 'counterKey', foreignField: '_id', as: 'counter' })
    // The no-show cool-down rides on the same request (a sub-pipeline with the enterprise as a
    // constant), so checking it costs booking no round trip. Latest recorded first: the pause runs
    // from the latest record, which an unsorted ten could miss.
    .lookup({
      from: 'bookings',
      let: {},
      pipeline: $.pipeline().match({ enterpriseId, state: 'no_show', noShowExcused: null, startAt: _.gte(since) }).project({ startAt: 1, noShowAt: 1 }).sort({ noShowAt: -1, startAt: -1 }).limit(10).done(),
      as: 'noShows',
    })
    .project({ 'expertUser.roles': 1, 'enterprise.name': 1, ...Object.fromEntries(SLOT_FIELDS.map((f) => [f, 1])), expert: 1, team: 1, counter: 1, noShows: 1 })
    .limit(1)
    .end();
  return data[0];
}
const SLOT_FIELDS = ['expertId', 'teamId', 'startAt', 'endAt', 'mode', 'venueId', 'place', 'kind', 'rovingDayId', 'state', 'bookingId', 'holds', 'priorityUntil', 'priorityEnterpriseIds'];

/**
 * An enterprise contact books an open slot for their enterprise.
 *
 * No transaction, on purpose. A CloudBase transaction costs a start and a commit and needs a
 * read of every document before it writes it (its writes are unconditional): 15–18 round trips
 * per booking, so a Monday-morning rush on the base quota (30 requests/s) served fewer than two
 * bookings a second. Each invariant is instead one atomic conditional write in the database:
 *
 *   1. the slot: `where(open, far enough ahead, priority window passed or ours).updateAndReturn(held)`
 *      — of any number of racers exactly one matches; the rest are told who took it. As a last
 *      line, `slotTurn` (slot id + how many times it was taken) is unique on bookings;
 *   2. the enterprise's open bookings with the team: `where(open < limit).updateAndReturn(open + 1)`
 *      (the first booking with a team inserts the counter at 1; a racer's duplicate falls back to
 *      the conditional increment);
 *   3. the booking is inserted, then its messages (one insert request for all rows).
 * A refusal after step 1 gives the slot back (conditional on our booking id), so a refused booking
 * leaves nothing behind. What this costs: the three writes are not atomic together. A function
 * killed between them (a time-out, a crash) can leave a slot held, or a place counted, for a
 * booking that never got written, or a booking without its notice to the expert (who still sees it
 * in their list). The hold records `heldAt`/`heldFor` so that such a leftover can be found (a slot
 * held for minutes with no booking of its `bookingId`): the appointment timer releases it and
 * sets the counter from the rows once it has been quiet for a minute (repair.ts).
 *
 * Database calls: 1 aggregation (slot, expert, expert's role, team, enterprise, counter, the
 * enterprise's recent no-shows for the cool-down of server/core/noShow.ts), the slot
 * hold, the counter, the booking and the messages: 5 (plus the caller's record: 6). At the
 * open-booking limit: the slot's release, one query for overdue unconfirmed requests, and the
 * hold and counter again if any expired.
 */
export const book = action({
  roles: ['enterprise'],
  params: z.strictObject({
    slotId: idParam,
    topic: z.string().trim().min(4, '请用至少 4 个字说明需要咨询的问题').max(200),
    note: z.string().trim().max(300).optional(),
    /**
     * One per tap, made by the client and sent unchanged on every retry of that tap (src/api/retry.ts):
     * the booking's id is derived from it, so a retry after an attempt that did go through answers
     * that booking instead of 「已被预约」 about the caller's own booking, and never books twice.
     */
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,40}$/, '请求编号格式不正确').optional(),
  }),
  async handler({ slotId, topic, note, requestId }, { caller }) {
    // The booking carries the booker's name and topic: an enterprise role granted by an admin
    // does not mean the person agreed, so consent is checked here too.
    requirePrivacyConsent(caller, '预约专家服务');
    const enterpriseId = enterpriseOf(caller);
    const _ = cmd();
    const pre = await slotContext(slotId, enterpriseId, new Date());
    if (!pre) throw GONE();
    const bookingId = requestId
      ? `bk-r-${createHash('sha256').update(`${caller.openid}|${slotId}|${requestId}`).digest('hex').slice(0, 24)}`
      : `bk-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    // A retry of a tap whose first attempt already took the slot: answer that booking (one more
    // read, on retries only). If the first attempt was cut off before writing the booking, the
    // timer's repair gives the slot back after a quiet minute (repair.ts); until then, say so.
    if (requestId && pre.bookingId === bookingId) {
      const [mine] = (await col('bookings').doc(bookingId).get()).data;
      if (mine) return bookingView(mine);
      throw new AppError('CONFLICT', '您刚才的预约仍在处理中，请稍后在“我的预约”中查看。');
    }
    const cooldown = noShowCooldown(pre.noShows.map((n) => ({ at: n.startAt, recordedAt: n.noShowAt })), new Date());
    if (cooldown) throw cooldownRefusal(cooldown, '贵企业', '在线预约专家服务', '在该预约详情中点击「申诉」说明情况，或致电党群服务中心');
    const refused = refusal(pre, enterpriseId, new Date());
    if (refused) throw refused;
    const expert = pre.expert[0];
    const team = pre.team[0];
    const enterprise = pre.enterprise[0];
    // The current role decides, not the profile copy: a revoked expert is never booked.
    if (!expert || !expert.active || !pre.expertUser[0]?.roles?.includes('expert')) throw new AppError('CLOSED', '该专家暂停接受预约，请选择其他专家。');
    if (!enterprise) throw new AppError('NOT_FOUND', '您绑定的企业已不存在，请联系党群服务中心。');

    const cid = counterId(enterpriseId, pre.teamId);
    const release = () => col('slots').where({ _id: slotId, bookingId }).update({ state: 'open', bookingId: null, heldAt: null, heldFor: null });

    /** Steps 1 and 2: the slot held for us and our place counted, or a refusal with nothing held. */
    const take = async (hasCounter: boolean): Promise<WithId<SlotDoc>> => {
      const now = new Date();
      const held = await col('slots')
        .where(bookableWhere(slotId, enterpriseId, now))
        .updateAndReturn({ state: 'held', bookingId, holds: _.inc(1), heldAt: now, heldFor: enterpriseId });
      if (!held.doc) {
        // Someone else was quicker, or the slot changed since the read: say which (one more read, refusals only).
        const [slot] = (await col('slots').doc(slotId).get()).data;
        throw refusal(slot, enterpriseId, now) ?? notOpen('held');
      }
      const counted = hasCounter ? null : await col('bookingCounters').add({ _id: cid, enterpriseId, teamId: pre.teamId, open: 1, updatedAt: now }).catch((err) => {
        if (isDuplicateKey(err)) return null; // a racer created it: count through the condition below
        throw err;
      });
      if (!counted) {
        const inc = await col('bookingCounters').where({ _id: cid, open: _.lt(RULES.maxOpenPerTeam) }).updateAndReturn({ open: _.inc(1), updatedAt: now });
        if (!inc.doc) {
          await release();
          throw new AppError('FULL', `贵企业在${team?.name ?? '该服务团'}已有 ${RULES.maxOpenPerTeam} 个未完成的预约，请在服务完成或取消后再预约。`);
        }
      }
      return held.doc;
    };

    let slot: WithId<SlotDoc>;
    try {
      slot = await take(pre.counter.length > 0);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'FULL')) throw err;
      // Lazy expiry: the limit may be reached only by requests nobody confirmed before their
      // start, which the timer has not expired yet. Expire this enterprise's such bookings with
      // this team (each through `transition`, as the timer does) and try once more. Costs
      // nothing on the ordinary path; one query only when the enterprise is at its limit.
      const scope = { enterpriseId, teamId: pre.teamId };
      const freed = (await expireDue(new Date(), scope)) + (await closeUnrecorded(new Date(), scope)).unrecorded;
      if (freed === 0) throw err;
      slot = await take(true);
    }

    const now = new Date();
    const history: BookingEvent[] = [{ state: 'requested', at: now, by: caller.openid, role: 'enterprise' }];
    if (expert.autoConfirm) history.push({ state: 'confirmed', at: now, by: 'system', role: 'system', note: '专家已开启自动确认' });
    const booking: BookingDoc = {
      slotId,
      slotTurn: `${slotId}#${slot.holds}`,
      expertId: slot.expertId,
      expertName: expert.name,
      teamId: slot.teamId,
      teamName: team?.name ?? '',
      enterpriseId,
      enterpriseName: enterprise.name,
      bookedBy: caller.openid,
      bookedByName: caller.user.profile?.name ?? '',
      startAt: new Date(slot.startAt),
      endAt: new Date(slot.endAt),
      mode: slot.mode,
      place: slot.place,
      kind: slot.kind,
      rovingDayId: slot.rovingDayId,
      topic,
      note: note ?? '',
      state: history[history.length - 1].state,
      history,
      serviceRecord: null,
      score: null,
      comment: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await col('bookings').add({ _id: bookingId, ...booking });
    } catch (err) {
      // Give back what steps 1 and 2 took, then report (a duplicate slotTurn becomes CONFLICT).
      await Promise.all([release(), col('bookingCounters').where({ _id: cid, open: _.gt(0) }).update({ open: _.inc(-1), updatedAt: now })]);
      throw err;
    }

    const when = parkRange(booking.startAt, booking.endAt);
    const page = BOOKING_PAGE(bookingId);
    const ref = `bookings/${bookingId}`;
    const confirmed = booking.state === 'confirmed';
    await enqueue([
      { type: 'appointment.booked', toOpenid: slot.expertId, template: 'newBooking', page, ref,
        data: { enterprise: enterprise.name, topic: topic.slice(0, 20), time: when, state: confirmed ? '已自动确认' : '待您确认' } },
      ...(confirmed
        ? [{ type: 'appointment.confirmed', toOpenid: caller.openid, template: 'bookingResult', page, ref,
            data: { expert: expert.name, time: when, place: slot.place, state: '已确认' } },
          // Reminders only for an agreed appointment; a request gets them when it is confirmed.
          ...reminderRows({ _id: bookingId, ...booking }, now)]
        : []),
    ]);
    return bookingView({ _id: bookingId, ...booking });
  },
});
