/**
 * Who may act on a room booking, decided at the time of the call from the caller's current roles —
 * never from a list copied into the booking (lifecycle finding L-01: a contact who moved to another
 * enterprise kept seeing, cancelling and checking in the old one's bookings, and a contact who
 * joined later could not). An enterprise booking belongs to whoever is now a contact of that
 * enterprise (`enterprise` role and `users.enterpriseId`); a branch booking to whoever is now the
 * branch's secretary (`branches.secretaryOpenid`); a center booking to the admins, who may also act on
 * every other booking.
 *
 * Cost: no database call for an enterprise contact; one read of `branches` for a secretary.
 */
import type { Caller } from '../../server/core/caller';
import { AppError } from '../../server/core/errors';
import type { WithId } from '../../server/core/db';
import { cmd, col } from '../../server/core/db';
import type { RoomBookingDoc } from './docs';

export interface Holder {
  kind: 'enterprise' | 'branch' | 'center';
  id: string;
}

export async function holdersOf(caller: Caller): Promise<Holder[]> {
  const out: Holder[] = [];
  // The center's own bookings are the admins' (made from the admin schedule, for the center itself).
  if (caller.is('admin')) out.push({ kind: 'center', id: 'center' });
  if (caller.is('enterprise') && caller.user.enterpriseId) out.push({ kind: 'enterprise', id: caller.user.enterpriseId });
  if (caller.is('secretary')) {
    const { data } = await col('branches').where({ secretaryOpenid: caller.openid }).field({ _id: true }).limit(20).get();
    for (const b of data) out.push({ kind: 'branch', id: b._id });
  }
  return out;
}

/** A where-condition: `fields` and held by one of `holders` (callers check for none first: no query then). */
export function heldBy(holders: Holder[], fields: Record<string, unknown> = {}) {
  const _ = cmd();
  return _.and([fields, _.or(holders.map((h) => ({ 'holder.kind': h.kind, 'holder.id': h.id })))]);
}

export function actsFor(holders: Holder[], b: Pick<RoomBookingDoc, 'holder'>): boolean {
  return holders.some((h) => h.kind === b.holder.kind && h.id === b.holder.id);
}

/**
 * Whom the caller may check a room in for: whom they act for, and the branch they are a current
 * (approved) member of — the people who turn up at the room, not only the secretary who booked it
 * (lifecycle L-30). Checking in is all such a member may do; cancelling and seeing the booking stay
 * with `holdersOf`. No database call beyond holdersOf's: membership is on the caller's own record.
 */
export async function checkInHoldersOf(caller: Caller): Promise<Holder[]> {
  const out = await holdersOf(caller);
  const branchId = caller.user.branchId;
  if (branchId && caller.is('member') && caller.user.memberStatus === 'approved' && !out.some((h) => h.kind === 'branch' && h.id === branchId)) {
    out.push({ kind: 'branch', id: branchId });
  }
  return out;
}

/**
 * The booking `id` if the caller may act on it now (an admin, or whoever acts for its holder):
 * NOT_FOUND / FORBIDDEN otherwise, the refusal naming `verb` (取消 / 结束).
 */
export async function bookingToActOn(caller: Caller, id: string, verb: string): Promise<WithId<RoomBookingDoc>> {
  const [b] = (await col('roomBookings').doc(id).get()).data;
  if (!b) throw new AppError('NOT_FOUND', '预约不存在，请刷新后查看。');
  if (!caller.is('admin') && !actsFor(await holdersOf(caller), b)) throw new AppError('FORBIDDEN', `只能${verb}本单位的预约。`);
  return b;
}
