/**
 * "删除我的数据": what happens to each collection that holds something about a person, and why.
 *
 * DELETED — the person's own, optional records that nobody else relies on:
 *   studyRecords (自学记录: their own writing; studyProgress keeps that one was written),
 *   studyActivity (their study-streak weeks), studyMembers (group memberships: they leave the groups),
 *   subscriptions (message grants), outbox rows addressed to them (消息中心),
 *   quizAttempts never submitted (drafts), volunteerCertificates (a certificate exists to show the
 *   person's NAME with their hours; keeping it verifiable would keep the name — a printed one stops
 *   verifying), and the profile fields of `users` (name, phone, 单位).
 *
 * CANCELLED FIRST — what is still ahead: volunteer sign-ups, expert appointments and room bookings
 *   the person made, each through its own domain's cancel action (counters, waitlist promotion, the
 *   freed slot or room and the other side's notice happen exactly as if the person had tapped 取消).
 *   What its domain no longer lets them cancel (past the cut-off) is kept, anonymised.
 *
 * KEPT, ANONYMISED — records the park must keep for its figures, ledgers and accountability; the
 *   openid becomes a pseudonym (./pseudonym.ts) and names / phones are blanked:
 *   checkins (attendance figures), volunteerRegistrations (volunteer hours of activities),
 *   bookings and roomBookings (service records of experts and rooms), demands (the enterprise's
 *   诉求 and their handling: they belong to the enterprise), policyClaims, ledgerChanges, invites,
 *   studyProgress and submitted quizAttempts (study completion), audit (accountability).
 *   Keys built from the openid (checkins.key / nonce, volunteer activeKey, the _id of study
 *   progress and quiz attempts) are rebuilt from the pseudonym, which is unique per person and per
 *   account life, so no unique index can collide.
 *
 * UNLINKED — the person's place in others' records: enterprise contact lists, room booking owners.
 *
 * Finally `users/<openid>` is reset to a fresh visitor: no roles, no enterprise or branch, no
 * consent — the next visit asks for consent again. It is reset LAST so that a retry after a network
 * drop computes the same pseudonym (it depends on the account's createdAt) and finishes the job;
 * every step only touches rows still carrying the openid, so running it twice is harmless.
 *
 * People holding a park position (admin, secretary, expert, 指导员) are refused: their openid is
 * in records about OTHER people (approvals, service records, assessments); the centre relieves them
 * of the position first. Everything here is keyed on the caller's own openid: nobody else's rows
 * are selected.
 */
import { cmd, col, type WithId } from '../core/db';
import { AppError } from '../core/errors';
import { newUser } from '../core/caller';
import { auditErasure, pseudonymiseAudit } from '../core/audit';
import type { Ctx } from '../core/router';
import type { CollectionName, Collections } from '../core/schema';
import { checkinSecret } from '../checkin/secret';
import { pseudonymOf, scrub } from './pseudonym';
import { cancel as cancelVolunteer } from '../../cloudfunctions/volunteer/cancel';
import { cancel as cancelAppointment } from '../../cloudfunctions/appointment/cancel';
import { cancelBooking as cancelRoom } from '../../cloudfunctions/room/cancelBooking';

export const STAFF_ROLES = ['admin', 'secretary', 'expert', 'instructor'] as const;

/** Rows handled per read; a loop goes on until no row carries the openid any more. */
const PAGE = 100;
/** Parallel single-document writes at a time (bounded, so a long history does not flood the database). */
const PARALLEL = 10;

export interface EraseReport {
  pseudonym: string;
  cancelled: Record<string, number>;
  kept: Record<string, number>;
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}

type Doc = Record<string, unknown>;

/**
 * Rewrites every row matching `where`, PAGE at a time, PARALLEL writes at once. `rewrite` must
 * make the row stop matching (it replaces the openid), which is what ends the loop; the round
 * limit only guards against a programming error looping forever.
 */
async function rewriteEach<K extends CollectionName>(
  name: K,
  where: Doc,
  rewrite: (doc: WithId<Collections[K]>) => Promise<unknown>,
): Promise<number> {
  let n = 0;
  for (let round = 0; round < 200; round++) {
    const { data } = await col(name).where(where).limit(PAGE).get();
    if (!data.length) return n;
    for (let i = 0; i < data.length; i += PARALLEL) await Promise.all(data.slice(i, i + PARALLEL).map(rewrite));
    n += data.length;
  }
  throw new Error(`erase: ${name} still has rows after 200 rounds`);
}

/** Calls a domain's own cancel action for the person; a refusal (past the cut-off) keeps the row. */
async function tryCancel(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

export async function eraseMyData(ctx: Ctx): Promise<EraseReport> {
  const { caller } = ctx;
  const openid = caller.openid;
  if (STAFF_ROLES.some((r) => caller.is(r))) {
    throw new AppError('CONFLICT', '您目前担任园区工作职务（管理员、支部书记、专家或指导员），相关记录涉及他人，请先联系党群服务中心解除职务后再删除数据。');
  }
  const P = pseudonymOf(checkinSecret(), openid, caller.user.createdAt);
  const _ = cmd();
  const now = new Date();
  const blank = [caller.user.profile?.name, caller.user.profile?.phone].filter((s): s is string => !!s);
  const report: EraseReport = { pseudonym: P, cancelled: {}, kept: {}, deleted: {}, anonymised: {} };

  // 1. Cancel what is still ahead, through each domain's own action (its counters, its rules).
  const [regs, appts, rooms] = await Promise.all([
    col('volunteerRegistrations').where({ openid, status: _.in(['confirmed', 'waitlisted']), startAt: _.gt(now) }).limit(PAGE).get(),
    col('bookings').where({ bookedBy: openid, state: _.in(['requested', 'confirmed']), startAt: _.gt(now) }).limit(PAGE).get(),
    col('roomBookings').where({ bookedBy: openid, state: 'booked', startAt: _.gt(now) }).limit(PAGE).get(),
  ]);
  const tally = (kind: string, ok: boolean) => {
    const bucket = ok ? report.cancelled : report.kept;
    bucket[kind] = (bucket[kind] ?? 0) + 1;
  };
  for (const r of regs.data) tally('volunteerRegistrations', await tryCancel(() => cancelVolunteer.handler({ activityId: r.activityId }, ctx)));
  for (const b of appts.data) {
    // Only as the enterprise contact who may cancel it; the action would treat anyone else as admin.
    const mine = caller.is('enterprise') && b.enterpriseId === caller.user.enterpriseId;
    tally('bookings', mine && (await tryCancel(() => cancelAppointment.handler({ bookingId: b._id, reason: '预约人已删除个人数据' }, ctx))));
  }
  for (const b of rooms.data) tally('roomBookings', await tryCancel(() => cancelRoom.handler({ id: b._id }, ctx)));

  // 2. Delete the person's own optional records (one conditional remove per collection).
  const removals = await Promise.all([
    col('studyRecords').where({ openid }).remove(),
    col('studyActivity').where({ openid }).remove(),
    col('studyMembers').where({ openid }).remove(),
    col('subscriptions').where({ openid }).remove(),
    col('outbox').where({ toOpenid: openid }).remove(),
    col('quizAttempts').where({ openid, submittedAt: null }).remove(),
    col('volunteerCertificates').where({ openid }).remove(),
  ]);
  (['studyRecords', 'studyActivity', 'studyMembers', 'subscriptions', 'outbox', 'quizAttempts', 'volunteerCertificates'] as const).forEach((k, i) => {
    report.deleted[k] = removals[i].deleted;
  });

  // 3. Anonymise and unlink where one conditional update per field does it.
  const bulk = await Promise.all([
    col('policyClaims').where({ claimedBy: openid }).update({ claimedBy: P }),
    col('ledgerChanges').where({ actor: openid }).update({ actor: P, actorName: '' }),
    col('invites').where({ createdBy: openid }).update({ createdBy: P }),
    col('studyChats').where({ boundBy: openid }).update({ boundBy: P }),
    col('enterprises').where({ ledgerUpdatedBy: openid }).update({ ledgerUpdatedBy: P }),
    col('enterprises').where({ contactOpenids: openid }).update({ contactOpenids: _.pull(openid) }),
    col('roomBookings').where({ owners: openid }).update({ owners: _.pull(openid) }),
    col('roomBookings').where({ checkedInBy: openid }).update({ checkedInBy: P }),
    col('roomBookings').where({ endedBy: openid }).update({ endedBy: P }),
  ]);
  (['policyClaims', 'ledgerChanges', 'invites', 'studyChats', 'enterprises', 'enterpriseContacts', 'roomBookingOwners', 'roomCheckins', 'roomEnds'] as const).forEach((k, i) => {
    report.anonymised[k] = bulk[i].updated;
  });

  // 4. Rows whose keys or nested entries carry the openid: rewritten one by one.
  const swap = (s: string) => s.split(openid).join(P);
  const [checkins, registrations, bookings, roomBookings, demands, audit, progress, attempts] = await Promise.all([
    rewriteEach('checkins', { openid }, (c) =>
      // key keeps its meaning (once per event / venue-day) under the pseudonym; a client nonce is random.
      col('checkins').doc(c._id).update({ openid: P, key: swap(c.key), nonce: swap(c.nonce) }),
    ),
    rewriteEach('volunteerRegistrations', { openid }, (r) =>
      col('volunteerRegistrations').doc(r._id).update({ openid: P, activeKey: swap(r.activeKey) }),
    ),
    rewriteEach('bookings', { bookedBy: openid }, (b) =>
      col('bookings').doc(b._id).update({ bookedBy: P, bookedByName: '', history: b.history.map((h) => (h.by === openid ? { ...h, by: P } : h)) }),
    ),
    rewriteEach('roomBookings', { bookedBy: openid }, (b) => col('roomBookings').doc(b._id).update({ bookedBy: P, bookedByName: '' })),
    // Every demand the person acted on (submitted, rated, withdrew…), the enterprise's other contacts' too.
    rewriteEach('demands', { 'timeline.by': openid }, (d) =>
      col('demands').doc(d._id).update({
        ...(d.submittedBy === openid ? { submittedBy: P, submitterName: '', contactPhone: null } : {}),
        timeline: d.timeline.map((t) => (t.by === openid ? { ...t, by: P, name: '' } : t)),
      }),
    ),
    pseudonymiseAudit(openid, P, (snapshot) => scrub(snapshot, openid, P, blank)),
    // _id carries the openid: the row moves to the pseudonym's id (set is idempotent, then remove).
    rewriteEach('studyProgress', { openid }, async ({ _id, ...p }) => {
      await col('studyProgress').doc(swap(_id)).set({ ...p, openid: P });
      await col('studyProgress').doc(_id).remove();
    }),
    rewriteEach('quizAttempts', { openid }, async ({ _id, ...q }) => {
      await col('quizAttempts').doc(swap(_id)).set({ ...q, openid: P });
      await col('quizAttempts').doc(_id).remove();
    }),
  ]);
  Object.assign(report.anonymised, { checkins, volunteerRegistrations: registrations, bookings, roomBookingsBooked: roomBookings, demands, audit: audit.actor, auditTargets: audit.target, studyProgress: progress, quizAttempts: attempts });

  // 5. The record of the deletion: counts only, under the pseudonym — never the deleted data.
  await auditErasure(P, { cancelled: report.cancelled, kept: report.kept, deleted: report.deleted, anonymised: report.anonymised });

  // 6. Last: a fresh visitor who must consent again (set replaces the whole record).
  await col('users').doc(openid).set(newUser(openid));
  return report;
}
