import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd, type WithId } from '../../server/core/db';
import type { BookingDoc } from './docs';
import { STATE_LABEL } from './stateMachine';

/** The fields of a paired enterprise's booking an expert may see whoever serves it. */
const SUMMARY = { enterpriseId: true, expertId: true, teamId: true, teamName: true, startAt: true, endAt: true, state: true, topic: true } as const;

/**
 * What the team, the time, the state and the topic say — what the enterprise has been asking
 * for — and whether the caller serves it (`mine`; its details open through getBooking, which
 * applies canSee). Never the enterprise's note, another expert's service record, the rating or
 * the history: those belong to the enterprise and the expert who served it.
 */
function bookingSummary(b: WithId<Pick<BookingDoc, keyof typeof SUMMARY>>, expertId: string) {
  return {
    id: b._id,
    teamId: b.teamId,
    teamName: b.teamName,
    startAt: b.startAt,
    endAt: b.endAt,
    state: b.state,
    stateLabel: STATE_LABEL[b.state],
    topic: b.topic,
    mine: b.expertId === expertId,
  };
}

/**
 * 结对式, the expert's side: enterprises paired with the caller now, each with a summary of its
 * recent bookings with the park's teams. Two queries in all; the bookings are read with only
 * the summary's fields, so the private ones never leave the database.
 */
export const pairedEnterprises = action({
  roles: ['expert'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const _ = cmd();
    const now = new Date();
    const { data: pairs } = await col('pairings').where({ expertId: caller.openid, endedAt: null, until: _.gt(now) }).orderBy('from', 'asc').limit(100).get();
    if (pairs.length === 0) return [];
    const ids = pairs.map((p) => p.enterpriseId);
    const { data: recent } = await col('bookings').where({ enterpriseId: _.in(ids) }).orderBy('startAt', 'desc').field(SUMMARY).limit(200).get();
    return pairs.map((p) => ({
      pairingId: p._id,
      enterpriseId: p.enterpriseId,
      enterpriseName: p.enterpriseName,
      from: p.from,
      until: p.until,
      note: p.note,
      recentBookings: recent.filter((b) => b.enterpriseId === p.enterpriseId).slice(0, 5).map((b) => bookingSummary(b, caller.openid)),
    }));
  },
});
