/**
 * "删除我的数据": what happens to each collection that holds something about a person, and why.
 *
 * DELETED — the person's own, optional records that nobody else relies on:
 *   studyRecords (自学记录: their own writing; studyProgress keeps that one was written),
 *   studyActivity (their study-streak weeks), studyMembers (group memberships: they leave the groups),
 *   subscriptions (message grants), outbox rows addressed to them (消息中心),
 *   quizAttempts never submitted (drafts), volunteerCertificates (a certificate exists to show the
 *   person's NAME with their hours; keeping it verifiable would keep the name — a printed one stops
 *   verifying), rateLimits (attempt counters of guess-prone actions), and the profile fields of
 *   `users` (name, phone, 单位).
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
 *   studyProgress and submitted quizAttempts (study completion), audit (accountability),
 *   partyMembers (the 党员花名册 row: the branch keeps its roster, the months the member counted in,
 *   their transfers and 党费 — the row is unbound (openid null) and its name and phone blanked, and
 *   the audit rows about it (target partyMembers/<id>) are scrubbed the same way), and
 *   partyDevelopment (the 发展党员档案: its dated steps stay with the branch; unbound, name blanked,
 *   its audit rows (partyDevelopment/<id>) scrubbed).
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
 * First of all the consent is withdrawn (`privacyAcceptedAt: null`, createdAt unchanged so the
 * pseudonym stays the same): every consent-gated write (check-in, sign-up, booking, demand…)
 * refuses from then on, so nothing new lands under the openid while the steps below run. The
 * cancel actions called in step 1 are not consent-gated, so they still work.
 *
 * People holding a park position (admin, secretary, expert, 指导员) are refused, and so are former
 * experts whose expert profile is still there (./refusal.ts): their openid is in records about
 * OTHER people (approvals, service records, assessments); the centre relieves them of the position
 * (and removes the expert profile) first. Someone relieved of a position keeps, after deleting,
 * these records of it — the openid in them becomes the pseudonym, other fields stay:
 *   audit rows they wrote as actor (the before/after of changes they made to others' records),
 *   ledgerChanges (actor; actorName is blanked), invites they created, enterprises.ledgerUpdatedBy,
 *   roomBookings they checked in or ended, demand timeline steps they handled (name blanked too);
 *   and with the plain openid, NOT rewritten, the fields that record staff work on records that
 *   are not theirs: createdBy / updatedBy / recordedBy of activities, events, orgLife, check-ins
 *   recorded for others and uploads, ratings' scoredBy / finalizedBy, demands' handlerOpenid, an
 *   expert's slots and bookings' expertId — which is why a current position or a remaining expert
 *   profile refuses the deletion rather than half-erasing it.
 * Everything here is keyed on the caller's own openid: nobody else's rows are selected except to
 * replace that openid in them.
 */
import { cmd, col, rewriteWhere } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { newUser } from '../../server/core/caller';
import { auditErasure, pseudonymiseAudit, rewriteAuditOf } from '../../server/core/audit';
import type { Ctx } from '../../server/core/router';
import { checkinSecret } from '../checkin/public';
import { replaceToken } from '../../server/core/token';
import { pseudonymOf, scrub } from './pseudonym';
import { erasureRefusal } from './refusal';
import { cancel as cancelVolunteer } from '../volunteer/public';
import { cancel as cancelAppointment } from '../appointment/public';
import { cancelBooking as cancelRoom } from '../room/public';
import { eraseDevelopmentFiles, eraseRosterRows } from '../party/public';

/** Rows handled per read of what is still ahead (step 1). */
const PAGE = 100;

export interface EraseReport {
  pseudonym: string;
  cancelled: Record<string, number>;
  kept: Record<string, number>;
  deleted: Record<string, number>;
  anonymised: Record<string, number>;
}

/** Awaits named promises together: each result stays under its own name, whatever the order. */
async function all<T extends Record<string, Promise<unknown>>>(named: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(named);
  const values = await Promise.all(Object.values(named));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as { [K in keyof T]: Awaited<T[K]> };
}

const mapValues = <T, R>(o: Record<string, T>, f: (v: T) => R): Record<string, R> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

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

/** Step 1 handles at most this many pages per kind (a person with more sign-ups ahead is not a real case). */
const MAX_PAGES = 50;

/**
 * Runs `f` on every row matching `where`, PAGE rows per read, in _id order, each page after the
 * last _id seen (rows `f` leaves matching are not read twice). Past MAX_PAGES pages it stops with a
 * coded error rather than leave the rest silently uncancelled; what was cancelled stays cancelled
 * and a retry continues with what is left.
 */
async function eachAhead(name: 'volunteerRegistrations' | 'bookings' | 'roomBookings', where: Record<string, unknown>, f: (row: { _id: string } & Record<string, unknown>) => Promise<void>): Promise<void> {
  const _ = cmd();
  let after = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = (await col(name)
      .where(after ? { ...where, _id: _.gt(after) } : where)
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()) as unknown as { data: ({ _id: string } & Record<string, unknown>)[] };
    for (const row of data) await f(row);
    if (data.length < PAGE) return;
    after = data[data.length - 1]._id;
  }
  throw new AppError('CONFLICT', `待取消的报名或预约超过 ${MAX_PAGES * PAGE} 条，未能全部取消，请联系管理员处理。`);
}

export async function eraseMyData(ctx: Ctx): Promise<EraseReport> {
  const { caller } = ctx;
  const openid = caller.openid;
  const refusal = await erasureRefusal(caller);
  if (refusal) throw new AppError('CONFLICT', refusal);
  const P = pseudonymOf(checkinSecret(), openid, caller.user.createdAt);
  const _ = cmd();
  const now = new Date();
  // 0. Consent withdrawn first: consent-gated writes refuse from now on (see the header).
  await col('users').doc(openid).update({ privacyAcceptedAt: null, updatedAt: now });
  const blank = [caller.user.profile?.name, caller.user.profile?.phone].filter((s): s is string => !!s);
  const report: EraseReport = { pseudonym: P, cancelled: {}, kept: {}, deleted: {}, anonymised: {} };

  // 1. Cancel what is still ahead, through each domain's own action (its counters, its rules).
  // All of it, page by page in _id order (G-20: only the first 100 per kind were cancelled). A row
  // its domain refuses to cancel stays active and would be read again, so each page starts after
  // the last _id handled rather than re-reading "what is still active".
  const tally = (kind: string, ok: boolean) => {
    const bucket = ok ? report.cancelled : report.kept;
    bucket[kind] = (bucket[kind] ?? 0) + 1;
  };
  await Promise.all([
    eachAhead('volunteerRegistrations', { openid, status: _.in(['confirmed', 'waitlisted']), startAt: _.gt(now) }, async (r) =>
      tally('volunteerRegistrations', await tryCancel(() => cancelVolunteer.handler({ activityId: r.activityId as string }, ctx))),
    ),
    eachAhead('bookings', { bookedBy: openid, state: _.in(['requested', 'confirmed']), startAt: _.gt(now) }, async (b) => {
      // Only as the enterprise contact who may cancel it; the action would treat anyone else as admin.
      const mine = caller.is('enterprise') && b.enterpriseId === caller.user.enterpriseId;
      tally('bookings', mine && (await tryCancel(() => cancelAppointment.handler({ bookingId: b._id, reason: '预约人已删除个人数据' }, ctx))));
    }),
    eachAhead('roomBookings', { bookedBy: openid, state: 'booked', startAt: _.gt(now) }, async (b) => tally('roomBookings', await tryCancel(() => cancelRoom.handler({ id: b._id }, ctx)))),
  ]);

  // 2. Delete the person's own optional records (one conditional remove per collection).
  const removals = await all({
    studyRecords: col('studyRecords').where({ openid }).remove(),
    studyActivity: col('studyActivity').where({ openid }).remove(),
    studyMembers: col('studyMembers').where({ openid }).remove(),
    subscriptions: col('subscriptions').where({ openid }).remove(),
    outbox: col('outbox').where({ toOpenid: openid }).remove(),
    quizAttempts: col('quizAttempts').where({ openid, submittedAt: null }).remove(),
    volunteerCertificates: col('volunteerCertificates').where({ openid }).remove(),
    rateLimits: col('rateLimits').where({ openid }).remove(),
  });
  report.deleted = mapValues(removals, (r) => r.deleted);

  // 3. Anonymise and unlink where one conditional update per field does it.
  const bulk = await all({
    policyClaims: col('policyClaims').where({ claimedBy: openid }).update({ claimedBy: P }),
    ledgerChanges: col('ledgerChanges').where({ actor: openid }).update({ actor: P, actorName: '' }),
    invites: col('invites').where({ createdBy: openid }).update({ createdBy: P }),
    studyChats: col('studyChats').where({ boundBy: openid }).update({ boundBy: P }),
    enterpriseLedgers: col('enterprises').where({ ledgerUpdatedBy: openid }).update({ ledgerUpdatedBy: P }),
    enterpriseContacts: col('enterprises').where({ contactOpenids: openid }).update({ contactOpenids: _.pull(openid) }),
    roomBookingOwners: col('roomBookings').where({ owners: openid }).update({ owners: _.pull(openid) }),
    roomCheckins: col('roomBookings').where({ checkedInBy: openid }).update({ checkedInBy: P }),
    roomEnds: col('roomBookings').where({ endedBy: openid }).update({ endedBy: P }),
    // 红星津贴 paid or approved to the person: the payment stays on the ledger (amount, branch,
    // dates), under the pseudonym — which keeps one row per person per quarter and branch unique.
    allowancePayouts: col('allowancePayouts').where({ openid }).update({ openid: P }),
    allowancePayoutKeys: col('allowancePayouts').where({ personKey: openid }).update({ personKey: P }),
  });
  report.anonymised = mapValues(bulk, (r) => r.updated);

  // 4. Rows whose keys or nested entries carry the openid: rewritten one by one.
  // Whole tokens only: a longer openid containing this one (demo-enterprise-a2) is someone else's.
  const swap = (s: string) => replaceToken(s, openid, P);
  const rows = await all({
    checkins: rewriteWhere('checkins', { openid }, (c) =>
      // key keeps its meaning (once per event / venue-day) under the pseudonym; a client nonce is random.
      col('checkins').doc(c._id).update({ openid: P, key: swap(c.key), nonce: swap(c.nonce) }),
    ),
    volunteerRegistrations: rewriteWhere('volunteerRegistrations', { openid }, (r) =>
      col('volunteerRegistrations').doc(r._id).update({ openid: P, activeKey: swap(r.activeKey) }),
    ),
    // Every booking the person acted on: their own (the booker is always history[0].by, see
    // appointment/book.ts) and colleagues' bookings of the same enterprise they cancelled or rated.
    bookings: rewriteWhere('bookings', { 'history.by': openid }, (b) =>
      col('bookings').doc(b._id).update({
        ...(b.bookedBy === openid ? { bookedBy: P, bookedByName: '' } : {}),
        history: b.history.map((h) => (h.by === openid ? { ...h, by: P } : h)),
      }),
    ),
    roomBookingsBooked: rewriteWhere('roomBookings', { bookedBy: openid }, (b) => col('roomBookings').doc(b._id).update({ bookedBy: P, bookedByName: '' })),
    // Every demand the person acted on (submitted, rated, withdrew…), the enterprise's other contacts' too.
    demands: rewriteWhere('demands', { 'timeline.by': openid }, (d) =>
      col('demands').doc(d._id).update({
        ...(d.submittedBy === openid ? { submittedBy: P, submitterName: '', contactPhone: null } : {}),
        timeline: d.timeline.map((t) => (t.by === openid ? { ...t, by: P, name: '' } : t)),
      }),
    ),
    audit: pseudonymiseAudit(openid, P, (snapshot) => scrub(snapshot, openid, P, blank)),
    // _id carries the openid: the row moves to the pseudonym's id (set is idempotent, then remove).
    studyProgress: rewriteWhere('studyProgress', { openid }, async ({ _id, ...p }) => {
      await col('studyProgress').doc(swap(_id)).set({ ...p, openid: P });
      await col('studyProgress').doc(_id).remove();
    }),
    quizAttempts: rewriteWhere('quizAttempts', { openid }, async ({ _id, ...q }) => {
      await col('quizAttempts').doc(swap(_id)).set({ ...q, openid: P });
      await col('quizAttempts').doc(_id).remove();
    }),
  });
  const { audit, ...rewritten } = rows;
  Object.assign(report.anonymised, rewritten, { audit: audit.actor, auditTargets: audit.target });

  // The roster row: unbound and blanked; the audit rows about it scrubbed of its name, phone and openid first.
  report.anonymised.partyMembers = await eraseRosterRows(openid, (ids, names) =>
    rewriteAuditOf(ids.map((id) => `partyMembers/${id}`), (snapshot) => scrub(snapshot, openid, P, [...blank, ...names])),
    P,
  );

  // The 发展党员档案 likewise: unbound and its name blanked, the audit rows about it scrubbed first.
  report.anonymised.partyDevelopment = await eraseDevelopmentFiles(openid, (ids, names) =>
    rewriteAuditOf(ids.map((id) => `partyDevelopment/${id}`), (snapshot) => scrub(snapshot, openid, P, [...blank, ...names])),
  );

  // 5. The record of the deletion: counts only, under the pseudonym — never the deleted data.
  await auditErasure(P, { cancelled: report.cancelled, kept: report.kept, deleted: report.deleted, anonymised: report.anonymised });

  // 6. Last: a fresh visitor who must consent again (set replaces the whole record).
  await col('users').doc(openid).set(newUser(openid));
  return report;
}
