/** Pieces the room actions share: params, the room view, the booking view. */
import * as z from 'zod';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { VENUE_ID_RE } from '../checkin/public';
import { BOOK_AHEAD_DAYS, DEFAULT_HOURS } from './grid';
import type { RoomBookingDoc } from './docs';
import type { VenueDoc } from '../checkin/public';

export const venueIdParam = z.string().trim().regex(VENUE_ID_RE, '场馆编号格式不正确');
export { dayParam } from '../../server/core/params';
export const bookingIdParam = z.string().trim().regex(/^rb-[a-z0-9]{4,16}$/, '预约编号格式不正确');

export function roomView(v: WithId<VenueDoc>) {
  return {
    id: v._id,
    name: v.name,
    address: v.address,
    description: v.description,
    capacity: v.capacity ?? 0,
    equipment: v.equipment ?? [],
    opensAt: v.opensAt ?? DEFAULT_HOURS.opensAt,
    closesAt: v.closesAt ?? DEFAULT_HOURS.closesAt,
    bookable: !!v.bookable,
    /** How many days ahead it can be booked (the app's day strip follows the server's one rule). */
    bookAheadDays: BOOK_AHEAD_DAYS,
  };
}

export const ROOM_GONE = '该场馆不存在或暂不开放预约，请返回刷新。';

export async function getRoom(id: string): Promise<WithId<VenueDoc>> {
  const [v] = (await col('venues').doc(id).get()).data;
  if (!v || !v.bookable) throw new AppError('NOT_FOUND', ROOM_GONE);
  return v;
}

export const STATE_LABEL: Record<RoomBookingDoc['state'], string> = {
  booked: '待签到',
  checked_in: '已签到',
  cancelled: '已取消',
  released: '超时未签到，已释放',
};

export function bookingView(b: WithId<RoomBookingDoc>) {
  return {
    id: b._id,
    venueId: b.venueId,
    venueName: b.venueName,
    day: b.day,
    startAt: new Date(b.startAt).toISOString(),
    endAt: new Date(b.endAt).toISOString(),
    holder: b.holder,
    purpose: b.purpose,
    attendees: b.attendees,
    bookedByName: b.bookedByName,
    state: b.state,
    stateLabel: STATE_LABEL[b.state],
    checkinDeadline: new Date(b.checkinDeadline).toISOString(),
    checkedInAt: b.checkedInAt ? new Date(b.checkedInAt).toISOString() : null,
  };
}
