/**
 * The owner of "a function died half-way" for appointments: a step of the appointment timer.
 *
 * `book` and `transition` write without a transaction (see their headers): each write is atomic
 * and conditional on its own, but a call killed between them leaves the rest undone —
 *   - book killed after holding the slot (and perhaps counting the place) but before inserting
 *     the booking: a slot `held` for a booking that does not exist, a place counted for nobody;
 *   - a cancellation or expiry killed after the move: the slot still `held` for a `cancelled`
 *     booking, the place still counted;
 *   - complete / markNoShow / lapse killed after the move: the place still counted.
 * This sweep repairs those, from the rows, which are the truth:
 *   (a) a slot held for a booking that does not exist is released (open again, as book's own
 *       refusal path would have left it);
 *   (b) a slot still held for a cancelled booking is opened or closed by transition's rule (L-08):
 *       open only when the enterprise itself cancelled and the start is still ahead; an
 *       expert's, admin's or the system's cancellation closes it;
 *   (c) the open-booking counter of every enterprise-with-team touched by (a) or (b), or with a
 *       booking that left the open states within the last day, is set to its open booking rows;
 *   (d) a slot held for a booking that exists but is on another slot — a reschedule killed after
 *       holding its new slot (the booking never moved) or after moving (the old slot never
 *       released) — is released like reschedule's own release: open while ahead, closed when
 *       the expert's leave covers the booking.
 *
 * What it assumes, and so why it cannot fight a live call:
 *   - the platform kills a call at the function's timeout (well under REPAIR_QUIET_MS), so a slot
 *     held more than REPAIR_QUIET_MS ago (`heldAt`, stamped by book) whose booking does not exist
 *     will never get it, and a booking moved more than REPAIR_QUIET_MS ago (`updatedAt`, stamped
 *     by every move) has had all the follow-on writes it will ever get;
 *   - every counter write stamps the counter's `updatedAt`, every booking write the booking's.
 *     A counter is read first, then its rows; nothing is written unless the newest stamp of both
 *     is older than REPAIR_QUIET_MS, and the write is conditioned on the count as read. A book
 *     that counts after the read makes the write match nothing; one whose insert (or a move)
 *     comes after the rows were read applies its step on top of a counter that agrees with the
 *     rows as they were read, which is the exact result (the volunteer reconcile's argument);
 *   - slots held before `heldAt` existed carry none and are left alone.
 * Slot writes are conditioned on the slot still holding that booking id, so a repeated or
 * overlapping run does nothing twice (idempotent). What it costs: a leftover is repaired only
 * after a quiet minute and on the next timer run (10 minutes in production); only slots starting
 * after a day ago are looked at (an older leftover blocks no one; its counter is still repaired
 * through (c) while its booking's move is within the day). Database calls: 2 queries per run,
 * one write per repaired slot, 2 reads per enterprise-with-team checked and a write when it drifted.
 */
import { cmd, col } from '../../server/core/db';
import type { BookingDoc, BookingState } from './docs';
import { OPEN_STATES } from './stateMachine';
import { counterId } from './shared';

/** Well beyond the function's timeout (10 s), with room for clocks of instances to disagree. */
export const REPAIR_QUIET_MS = 60_000;
const DAY_MS = 86_400_000;
/** Slots and enterprise-with-team pairs looked at per run; the next run takes the rest. */
const REPAIR_BATCH = 100;

export interface SlotRepair {
  slotId: string;
  bookingId: string;
  /** 'missing': held for a booking never written (a); 'moved': the booking is on another slot (d); else the booking's state (b). */
  booking: 'missing' | 'moved' | BookingState;
  to: 'open' | 'closed';
}
export interface CounterRepair {
  counterId: string;
  before: number;
  after: number;
}
export interface RepairReport {
  slots: SlotRepair[];
  counters: CounterRepair[];
  /** Counters skipped because they or their rows changed within REPAIR_QUIET_MS (next run). */
  busy: number;
}

type HeldSlot = { _id: string; bookingId: string; teamId: string; startAt: Date; heldFor?: string | null; movedAway?: boolean; booking: Pick<BookingDoc, 'state' | 'enterpriseId' | 'teamId' | 'history' | 'updatedAt' | 'needsReschedule'>[] };

export async function repairHalfDone(now = new Date()): Promise<RepairReport> {
  const _ = cmd();
  const $ = _.aggregate;
  const quietBefore = new Date(now.getTime() - REPAIR_QUIET_MS);
  const report: RepairReport = { slots: [], counters: [], busy: 0 };
  const pairs = new Map<string, { enterpriseId: string; teamId: string }>();
  const touch = (enterpriseId: string | null | undefined, teamId: string) => {
    if (enterpriseId) pairs.set(counterId(enterpriseId, teamId), { enterpriseId, teamId });
  };

  // (a) and (b): held slots, quiet since the hold, whose booking is missing or cancelled.
  const { data: slots } = (await col('slots')
    .aggregate()
    .match({ state: 'held', heldAt: _.lt(quietBefore), startAt: _.gt(new Date(now.getTime() - DAY_MS)) })
    .lookup({ from: 'bookings', localField: 'bookingId', foreignField: '_id', as: 'booking' })
    // (d): a booking that exists but is on another slot — a reschedule killed between its steps.
    .addFields({ movedAway: $.and([$.gt([$.size('$booking'), 0]), $.neq([$.arrayElemAt(['$booking.slotId', 0]), '$_id'])]) })
    .match(_.or([{ 'booking._id': _.exists(false) }, { 'booking.state': 'cancelled' }, { movedAway: true }]))
    .project({ bookingId: 1, teamId: 1, startAt: 1, heldFor: 1, movedAway: 1, 'booking.state': 1, 'booking.enterpriseId': 1, 'booking.teamId': 1, 'booking.history': 1, 'booking.updatedAt': 1, 'booking.needsReschedule': 1 })
    .limit(REPAIR_BATCH)
    .end()) as { data: HeldSlot[] };
  for (const s of slots) {
    const b = s.booking[0];
    if (b && new Date(b.updatedAt).getTime() >= quietBefore.getTime()) continue; // its cancel may still be running
    // transition's rule: only the enterprise's own cancellation, still ahead, frees the time.
    const by = b ? [...b.history].reverse().find((h) => h.state === 'cancelled')?.role : undefined;
    const ahead = new Date(s.startAt).getTime() > now.getTime();
    // (d) like reschedule's own release: the enterprise gave that time up, so it reopens while
    // ahead — unless the expert's leave covers the booking (closeLeaveSlots closes the rest).
    const to = s.movedAway
      ? (ahead && !b?.needsReschedule ? 'open' : 'closed')
      : !b || (by === 'enterprise' && ahead) ? 'open' : 'closed';
    const { updated } = await col('slots')
      .where({ _id: s._id, state: 'held', bookingId: s.bookingId })
      .update({ state: to, bookingId: null, heldAt: null, heldFor: null });
    if (updated) report.slots.push({ slotId: s._id, bookingId: s.bookingId, booking: s.movedAway ? 'moved' : b ? b.state : 'missing', to });
    touch(b ? b.enterpriseId : s.heldFor, b ? b.teamId : s.teamId);
  }

  // (c): also every pair with a booking that left the open states within the day (a move whose
  // counter write was lost leaves no slot behind to find it by).
  const { data: closed } = await col('bookings')
    .where({ state: _.in(['cancelled', 'served', 'no_show', 'expert_absent', 'unrecorded']), updatedAt: _.and(_.gt(new Date(now.getTime() - DAY_MS)), _.lt(quietBefore)) })
    .orderBy('updatedAt', 'desc')
    .field({ enterpriseId: true, teamId: true })
    .limit(REPAIR_BATCH)
    .get();
  for (const b of closed) touch(b.enterpriseId, b.teamId);

  for (const [id, p] of pairs) {
    const fixed = await reconcileCounter(id, p, quietBefore);
    if (fixed === 'busy') report.busy++;
    else if (fixed) report.counters.push(fixed);
  }
  if (report.slots.length || report.counters.length) console.warn('appointment: repaired what a function left half-done', JSON.stringify(report));
  return report;
}

/** Sets one counter to its open rows; see the header for why the order and condition matter. */
async function reconcileCounter(id: string, p: { enterpriseId: string; teamId: string }, quietBefore: Date): Promise<CounterRepair | 'busy' | null> {
  const $ = cmd().aggregate;
  const [counter] = (await col('bookingCounters').doc(id).get()).data;
  if (!counter) return null; // book creates it before any booking: no rows can be counted by it
  const { data: groups } = (await col('bookings')
    .aggregate()
    .match({ enterpriseId: p.enterpriseId, teamId: p.teamId })
    .group({ _id: '$state', n: $.sum(1), last: $.max('$updatedAt') })
    .limit(10)
    .end()) as { data: { _id: BookingState; n: number; last: Date }[] };
  const lastWrite = Math.max(new Date(counter.updatedAt).getTime(), ...groups.map((g) => new Date(g.last).getTime()));
  if (lastWrite >= quietBefore.getTime()) return 'busy';
  const open = groups.filter((g) => OPEN_STATES.includes(g._id)).reduce((s, g) => s + g.n, 0);
  if (open === counter.open) return null;
  const { updated } = await col('bookingCounters').where({ _id: id, open: counter.open }).update({ open, updatedAt: new Date() });
  return updated ? { counterId: id, before: counter.open, after: open } : 'busy';
}
