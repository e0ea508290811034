import { randomInt } from 'crypto';
import { requirePrivacyConsent } from '../../server/core/consent';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { RoomBookingDoc } from './docs';
import { releaseDue } from './bookings';
import { inQuota, releaseQuota, reserveQuota } from './quota';
import { CHECKIN_GRACE_MS, parkAt, periodProblem, roomCells } from './grid';
import { clockParam } from '../../server/core/params';
import { bookingView, dayParam, getRoom, roomView, venueIdParam } from './shared';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const TAKEN = '该时段已被预约，请选择其他时间。';

/** Who the room is for, and who may check it in, from the caller's roles. */
async function holderFor(caller: Caller, kind: 'branch' | 'enterprise' | 'center' | undefined, branchId?: string) {
  const can = { branch: caller.is('secretary') || caller.is('admin'), enterprise: !!caller.user.enterpriseId && caller.is('enterprise'), center: caller.is('admin') };
  const chosen = kind ?? (caller.is('secretary') ? 'branch' : can.enterprise ? 'enterprise' : 'center');
  if (!can[chosen]) throw new AppError('FORBIDDEN', '您不能以该身份预约场馆。');
  if (chosen === 'enterprise') {
    const [e] = (await col('enterprises').doc(caller.user.enterpriseId!).get()).data;
    if (!e) throw new AppError('NOT_FOUND', '您绑定的企业不存在，请联系党群服务中心。');
    return { holder: { kind: 'enterprise' as const, id: e._id, name: e.name }, owners: e.contactOpenids ?? [] };
  }
  if (chosen === 'branch') {
    const where = branchId ? { _id: branchId } : { secretaryOpenid: caller.openid };
    const { data } = await col('branches').where(where).limit(1).get();
    const b = data[0];
    if (!b) throw new AppError('NOT_FOUND', '没有找到您负责的党支部。');
    if (!caller.is('admin') && b.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能为本支部预约场馆。');
    return { holder: { kind: 'branch' as const, id: b._id, name: b.name }, owners: b.secretaryOpenid ? [b.secretaryOpenid] : [] };
  }
  return { holder: { kind: 'center' as const, id: 'center', name: '党群服务中心' }, owners: [] as string[] };
}

/**
 * Branches (their secretary) and enterprises (their contacts) book a room by the half hour.
 * No two live bookings of a room overlap: the booking carries every half-hour cell it covers
 * (`<venueId>|<n>`) under the unique multikey index `uniq_room_cells`, so the database refuses the
 * second of two overlapping inserts, however many race — one document, one atomic insert, in
 * CloudBase as in the emulator. A refusal may be a no-show not yet swept: the room's overdue
 * bookings are released and the insert tried once more. A branch or an enterprise books within its
 * quota (./quota.ts): 4 hours of a room a day, 6 bookings not yet checked in.
 */
export const book = action({
  roles: ['secretary', 'enterprise', 'admin'],
  params: z.strictObject({
    venueId: venueIdParam,
    day: dayParam,
    start: clockParam,
    end: clockParam,
    purpose: z.string().trim().min(2, '请填写用途').max(40),
    attendees: z.number().int().min(1).max(1000),
    for: z.enum(['branch', 'enterprise', 'center']).optional(),
    branchId: z.string().trim().min(1).max(64).optional(),
  }),
  async handler(p, { caller }) {
    // The booking carries the booker's name: consent first, whatever roles an admin granted.
    requirePrivacyConsent(caller, '预约场馆');
    const now = Date.now();
    const [room, who] = await Promise.all([getRoom(p.venueId), holderFor(caller, p.for, p.branchId)]);
    const view = roomView(room);
    const problem = periodProblem(p, view, now);
    if (problem) throw new AppError('VALIDATION', problem);
    if (view.capacity && p.attendees > view.capacity) throw new AppError('VALIDATION', `${room.name}最多容纳 ${view.capacity} 人，请选择更大的场馆。`);
    const startAt = parkAt(p.day, p.start);
    const endAt = parkAt(p.day, p.end);
    let _id = 'rb-';
    for (let i = 0; i < 10; i++) _id += ALPHABET[randomInt(ALPHABET.length)];
    const doc: RoomBookingDoc = {
      venueId: room._id, venueName: room.name, day: p.day, startAt, endAt, cells: roomCells(room._id, startAt, endAt),
      holder: who.holder, purpose: p.purpose, attendees: p.attendees, bookedBy: caller.openid, bookedByName: caller.user.profile?.name ?? '',
      owners: [...new Set([caller.openid, ...who.owners])], checkinDeadline: new Date(startAt.getTime() + CHECKIN_GRACE_MS),
      state: 'booked', checkedInAt: null, checkedInBy: null, endedAt: null, endedBy: null, createdAt: new Date(now),
      quotaMinutes: inQuota(who.holder) ? (endAt.getTime() - startAt.getTime()) / 60_000 : 0,
    };
    // The holder's quota first (./quota.ts), given back if the room turns out to be taken.
    if (doc.quotaMinutes) await reserveQuota(doc, room.name);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await col('roomBookings').add({ _id, ...doc });
          return bookingView({ _id, ...doc });
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          if (attempt > 0 || (await releaseDue(new Date(), room._id)) === 0) throw new AppError('CONFLICT', TAKEN);
        }
      }
    } catch (err) {
      await releaseQuota(doc, 'cancelled');
      throw err;
    }
  },
});
