import { randomInt } from 'crypto';
import { requirePrivacyConsent } from '../../server/core/consent';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { RoomBookingDoc } from './docs';
import { releaseDue } from './bookings';
import { inQuota, quotaIdExprs, releaseQuota, reserveQuota } from './quota';
import { CHECKIN_GRACE_MS, parkAt, periodProblem, roomCells } from './grid';
import { clockParam } from '../../server/core/params';
import { bookingView, dayParam, ROOM_GONE, roomView, venueIdParam } from './shared';
import type { VenueDoc } from '../checkin/public';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const TAKEN = '该时段已被预约，请选择其他时间。';

type Kind = 'branch' | 'enterprise' | 'center';

/** Which kind of holder the caller books for (their roles decide; no database call). */
function holderKind(caller: Caller, kind: Kind | undefined): Kind {
  const can = { branch: caller.is('secretary') || caller.is('admin'), enterprise: !!caller.user.enterpriseId && caller.is('enterprise'), center: caller.is('admin') };
  const chosen = kind ?? (caller.is('secretary') ? 'branch' : can.enterprise ? 'enterprise' : 'center');
  if (!can[chosen]) throw new AppError('FORBIDDEN', '您不能以该身份预约场馆。');
  return chosen;
}

type Holder = { _id: string; name: string; contactOpenids?: string[]; secretaryOpenid?: string | null };
type RoomRow = WithId<VenueDoc> & { holders?: Holder[]; quota?: { _id: string }[] };

/**
 * The room, the holder (the caller's enterprise, or the branch they are secretary of) and which of
 * the holder's two quota counters exist yet, in ONE database request (issue 19: these were three
 * to five round trips). An aggregation on the room joins the others by id: the holder on a constant
 * field the pipeline adds, the counters on ids the pipeline builds from the holder it found (a
 * secretary's branch is known only then). The counters are read only to know whether to update or
 * create them first (./quota.ts): they decide nothing.
 */
async function roomAndHolder(caller: Caller, kind: Kind, p: { venueId: string; day: string; branchId?: string }): Promise<RoomRow | undefined> {
  const $ = cmd().aggregate;
  let q = col('venues').aggregate().match({ _id: p.venueId });
  if (kind === 'enterprise') {
    q = q.addFields({ holderKey: caller.user.enterpriseId }).lookup({ from: 'enterprises', localField: 'holderKey', foreignField: '_id', as: 'holders' });
  } else if (kind === 'branch') {
    q = q
      .addFields({ holderKey: p.branchId ?? caller.openid })
      .lookup({ from: 'branches', localField: 'holderKey', foreignField: p.branchId ? '_id' : 'secretaryOpenid', as: 'holders' });
  }
  if (kind !== 'center') {
    const quotaKeys = quotaIdExprs(kind, $.arrayElemAt(['$holders._id', 0]), p.venueId, p.day);
    q = q.addFields({ quotaKeys }).lookup({ from: 'roomQuota', localField: 'quotaKeys', foreignField: '_id', as: 'quota' });
  }
  const { data } = (await q
    .project({
      name: 1, address: 1, description: 1, order: 1, createdAt: 1, bookable: 1, capacity: 1, equipment: 1, opensAt: 1, closesAt: 1,
      'holders._id': 1, 'holders.name': 1, 'holders.contactOpenids': 1, 'holders.secretaryOpenid': 1, 'quota._id': 1,
    })
    .limit(1)
    .end()) as { data: RoomRow[] };
  return data[0];
}

/** Who the room is for, and who was told (the booking's `owners`), from the joined row. */
function holderFor(caller: Caller, kind: Kind, row: RoomRow) {
  const [h] = row.holders ?? [];
  if (kind === 'enterprise') {
    if (!h) throw new AppError('NOT_FOUND', '您绑定的企业不存在，请联系党群服务中心。');
    return { holder: { kind: 'enterprise' as const, id: h._id, name: h.name }, owners: h.contactOpenids ?? [] };
  }
  if (kind === 'branch') {
    if (!h) throw new AppError('NOT_FOUND', '没有找到您负责的党支部。');
    if (!caller.is('admin') && h.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能为本支部预约场馆。');
    return { holder: { kind: 'branch' as const, id: h._id, name: h.name }, owners: h.secretaryOpenid ? [h.secretaryOpenid] : [] };
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
 *
 * Database calls (issue 19): the caller's record, one read (roomAndHolder), one write per quota
 * counter and the insert — 5, whether or not the counters exist yet (3 for the center's own).
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
    const kind = holderKind(caller, p.for);
    const room = await roomAndHolder(caller, kind, p);
    if (!room || !room.bookable) throw new AppError('NOT_FOUND', ROOM_GONE);
    const who = holderFor(caller, kind, room);
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
    if (doc.quotaMinutes) await reserveQuota(doc, room.name, new Set((room.quota ?? []).map((c) => c._id)));
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
