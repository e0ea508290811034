/**
 * Room bookings' life after booking, shared by the `room` function (its actions and its timer) and
 * by `checkin.scan` (scanning a room's code checks its booking in).
 *
 *   booked ──scan of the room's code by the holder's people, or the front desk (checkInBooking),
 *     │      from start−30 min to start+15 min──▶ checked_in
 *     │
 *     └──not checked in by start+15 min (timer sweep, or lazily before the room is read/booked)──▶ released
 *
 * Releasing gives the cells up (they become `free|<id>`), so the room can be booked again at once.
 */
import { cmd, col } from '../../server/core/db';
import type { Caller } from '../../server/core/caller';
import type { RoomBookingDoc } from './docs';
import { checkInHoldersOf, heldBy, type Holder } from './holders';
import { CHECKIN_OPENS_MS, freedCells } from './grid';
import { releaseQuota } from './quota';

const SWEEP_BATCH = 100;

/**
 * Releases every booking (of one room, or all) whose check-in deadline has passed. Each release is
 * a conditional update on the booking still being 'booked', so a check-in landing at the same
 * moment wins or loses cleanly, and two sweeps never release twice. Returns how many it released.
 */
export async function releaseDue(now: Date, venueId?: string): Promise<number> {
  const _ = cmd();
  const where: Record<string, unknown> = { state: 'booked', checkinDeadline: _.lt(now) };
  if (venueId) where.venueId = venueId;
  const { data } = await col('roomBookings').where(where).field({ _id: true, holder: true, venueId: true, day: true, quotaMinutes: true }).limit(SWEEP_BATCH).get();
  const results = await Promise.all(
    data.map(async (b) => {
      const { updated } = await col('roomBookings')
        .where({ _id: b._id, state: 'booked' })
        .update({ state: 'released', cells: freedCells(b._id), endedAt: now, endedBy: 'system' });
      // Only the sweep that released it gives its quota back.
      if (updated) await releaseQuota(b, 'released');
      return updated;
    }),
  );
  return results.reduce((s, n) => s + n, 0);
}

export interface CheckedInBooking {
  id: string;
  venueName: string;
  startAt: string;
  endAt: string;
  holderName: string;
}

/** Bookings of a room that can be checked in at `now`: from 30 minutes before the start until the check-in deadline. */
export function dueAt(now: Date): Record<string, unknown> {
  const _ = cmd();
  return { state: 'booked', startAt: _.lte(new Date(now.getTime() + CHECKIN_OPENS_MS)), checkinDeadline: _.gte(now) };
}

/**
 * The room-booking hook of a venue scan: checks in the bookings of that room due now, held by
 * someone the caller acts for now (./holders.ts) — for a branch's booking also any current member
 * of the branch (lifecycle L-30: the group waited in the room while the late secretary's booking was
 * released). One conditional update; one more read only when something was checked in, to say what
 * and to give each one's open place back to its holder's quota.
 */
export async function checkInByScan(caller: Caller, venueId: string, now: Date): Promise<CheckedInBooking | null> {
  const holders = await checkInHoldersOf(caller);
  if (holders.length === 0) return null;
  const { updated } = await col('roomBookings').where(heldBy(holders, { venueId, ...dueAt(now) })).update({ state: 'checked_in', checkedInAt: now, checkedInBy: caller.openid });
  if (!updated) return null;
  const { data } = await col('roomBookings').where({ venueId, checkedInBy: caller.openid, checkedInAt: now }).orderBy('startAt', 'asc').limit(10).get();
  await Promise.all(data.map((b) => releaseQuota(b, 'checked_in')));
  const b = data[0];
  return b ? { id: b._id, venueName: b.venueName, startAt: new Date(b.startAt).toISOString(), endAt: new Date(b.endAt).toISOString(), holderName: b.holder.name } : null;
}

/**
 * Whether `holder`'s live bookings (booked or checked in) of a room cover the whole of
 * [startAt, endAt) — one booking or several back to back. One read. Used by a branch recording a
 * meeting at a center venue (cloudfunctions/org/createOrgLife.ts, lifecycle L-25).
 */
export async function holdsRoom(holder: Holder, venueId: string, startAt: Date, endAt: Date): Promise<boolean> {
  const { data } = await col('roomBookings').where(holdingWhere(holder, venueId, startAt, endAt)).orderBy('startAt', 'asc').limit(HOLDING_ROWS).get();
  return coversAll(data, startAt, endAt);
}

/** holdsRoom's bookings: live, the holder's, at the room, overlapping the time (read by startAt ascending, at most HOLDING_ROWS). */
export const HOLDING_ROWS = 50;
export function holdingWhere(holder: Holder, venueId: string, startAt: Date, endAt: Date) {
  const _ = cmd();
  return { venueId, 'holder.kind': holder.kind, 'holder.id': holder.id, state: _.in(['booked', 'checked_in']), startAt: _.lt(endAt), endAt: _.gt(startAt) };
}

/** Whether bookings sorted by start cover [startAt, endAt) back to back (holdsRoom's rule, for a caller that read them in its own aggregation). */
export function coversAll(data: { startAt: Date | string; endAt: Date | string }[], startAt: Date, endAt: Date): boolean {
  let covered = startAt.getTime();
  for (const b of data) {
    if (new Date(b.startAt).getTime() > covered) return false;
    covered = Math.max(covered, new Date(b.endAt).getTime());
    if (covered >= endAt.getTime()) return true;
  }
  return false;
}
