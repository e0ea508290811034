/**
 * How much of the rooms one holder (a branch or an enterprise) may hold (lifecycle L-32: one holder
 * could book a room back to back for the whole day, every day). Two counters per holder, each one
 * document in `roomQuota` raised by a conditional increment — `used ≤ cap − amount` in the same
 * update — so racing bookings can never pass a cap together (no read-then-write):
 *   `d|<kind>|<id>|<venueId>|<day>`  minutes of that room that day (booked or used)      ≤ 240
 *   `o|<kind>|<id>`                   bookings not yet checked in (state 'booked')          ≤ 6
 * Given back: the minutes when a booking is cancelled or released, the open place when it leaves
 * 'booked' (checked in, cancelled, released) — each after the booking's own conditional update
 * succeeded, so it happens once. The center's own bookings (admins) are outside the quota.
 *
 * Cost: the counter and the booking are two documents, not one transaction. A crash between them
 * leaves a counter too high (never too low): the holder is refused a little early, never let past a
 * cap. One database call per counter when the caller knows whether it exists yet (book.ts reads
 * that with the room); otherwise one in the common case and two the first time a counter is used.
 */
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { RoomBookingDoc } from './docs';

export const QUOTA = { minutesPerRoomDay: 240, openBookings: 6 };

type Counted = Pick<RoomBookingDoc, 'holder' | 'venueId' | 'day' | 'quotaMinutes'>;

const dayId = (b: Pick<RoomBookingDoc, 'holder' | 'venueId' | 'day'>) => `d|${b.holder.kind}|${b.holder.id}|${b.venueId}|${b.day}`;
const openId = (b: Pick<RoomBookingDoc, 'holder'>) => `o|${b.holder.kind}|${b.holder.id}`;

/**
 * The same two ids (day, open — keep them in step with dayId/openId) as aggregation expressions,
 * for a holder whose id is known only inside a pipeline (book.ts reads the room, the holder and
 * whether its counters exist in one request).
 */
export function quotaIdExprs(kind: RoomBookingDoc['holder']['kind'], holderId: unknown, venueId: string, day: string): unknown[] {
  const $ = cmd().aggregate;
  return [$.concat([`d|${kind}|`, holderId, `|${venueId}|${day}`]), $.concat([`o|${kind}|`, holderId])];
}

export const inQuota = (holder: RoomBookingDoc['holder']) => holder.kind !== 'center';

/**
 * Raises a counter by `amount` unless that would pass `cap`; whether it did. `exists`: whether the
 * caller saw the counter when it read (book.ts), if it looked. A counter seen missing is created
 * first — a holder's first booking of a room on a day, the usual case — and one seen (or not looked
 * for) is raised first: one call either way (issue 19). The hint orders two writes and decides
 * nothing: the conditional update and the insert's unique `_id` still do, so a stale hint costs a
 * call, never a place past the cap.
 */
async function take(id: string, amount: number, cap: number, exists = true): Promise<boolean> {
  const _ = cmd();
  const raise = async () =>
    (await col('roomQuota').where({ _id: id, used: _.lte(cap - amount) }).update({ used: _.inc(amount), updatedAt: new Date() })).updated > 0;
  // Creating it is the first use; a duplicate means it exists (full, or created by a racer just now).
  const create = async () => {
    try {
      await col('roomQuota').add({ _id: id, used: amount, updatedAt: new Date() });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  };
  if (!exists) return (await create()) || raise();
  if (await raise()) return true;
  // Nothing raised: the counter is full, or does not exist yet (then create it; if a racer just
  // did, try once more).
  return (await create()) || raise();
}

const giveBack = (id: string, amount: number) => col('roomQuota').doc(id).update({ used: cmd().inc(-amount), updatedAt: new Date() });

/**
 * Takes the booking's minutes and an open place, or throws FULL saying which limit it hit; all or
 * nothing. `seen`: the ids of the holder's counters that existed when the caller read them, if it
 * did (only orders each counter's two writes: see take).
 */
export async function reserveQuota(b: Counted, roomName: string, seen?: ReadonlySet<string>): Promise<void> {
  const amount = b.quotaMinutes ?? 0;
  const exists = (id: string) => !seen || seen.has(id);
  const [minutes, place] = await Promise.all([
    take(dayId(b), amount, QUOTA.minutesPerRoomDay, exists(dayId(b))),
    take(openId(b), 1, QUOTA.openBookings, exists(openId(b))),
  ]);
  if (minutes && place) return;
  await Promise.all([minutes && giveBack(dayId(b), amount), place && giveBack(openId(b), 1)]);
  if (!minutes) {
    throw new AppError('FULL', `每个单位每天在同一场馆最多预约 ${QUOTA.minutesPerRoomDay / 60} 小时，本单位${b.day}在${roomName}的预约已达上限，请选择其他日期或场馆。`);
  }
  throw new AppError('FULL', `本单位已有 ${QUOTA.openBookings} 个未签到的场馆预约，请在使用或取消后再预约。`);
}

/** After a booking left 'booked': its open place back, and its minutes too unless it was used (checked in). */
export async function releaseQuota(b: Counted, to: 'checked_in' | 'cancelled' | 'released'): Promise<void> {
  const counted = b.quotaMinutes ?? 0;
  if (!counted) return; // not counted: the center's own, or booked before the quota existed
  await Promise.all([giveBack(openId(b), 1), to !== 'checked_in' && giveBack(dayId(b), counted)]);
}

/** A checked-in booking ended early (./endBooking.ts): the minutes it no longer holds go back to the day. */
export async function returnMinutes(b: Counted, minutes: number): Promise<void> {
  if (!b.quotaMinutes || minutes <= 0) return;
  await giveBack(dayId(b), Math.min(minutes, b.quotaMinutes));
}
