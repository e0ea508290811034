import { randomInt } from 'crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import type { Caller } from '../../server/core/caller';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { centerEventWhere, newEventId, VENUE_ID_RE, type EventDoc, type VenueDoc } from '../checkin/public';
import { coversAll, holdingWhere, HOLDING_ROWS } from '../room/public';
import type { BranchDoc, OrgLifeDoc } from './docs';
import { idParam, parkTimeParam } from './shared';
import { guestNamesParam, kindParam, minutesParam, photosParam, LATE_ENTRY_MS, recordView, restoreMeetingEvent } from './orgLifeShared';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const DAY = 86400_000;

/**
 * A branch records a meeting (三会一课 or 主题党日). Every record gets a sign-in event (kind
 * 'meeting', refId = the record), so attendees sign in by scanning the rotating code on the kiosk
 * (checkin.scan, unchanged) or are added by the secretary afterwards — both become check-ins of that
 * event, counted once per person by the check-in key. Guests without an account are kept by name.
 *
 * Never a sign-in event without its record (G-22: a code at the kiosk for a meeting nobody could
 * see), by a saga instead of a transaction (issue 19; seven round trips before, ten with a venue):
 * the record is written first — its insert decides, under a drawn id — and names its event's id;
 * the event follows under that id. A call that dies between the two leaves a record whose event is
 * missing: the record's page (getOrgLife) and adding attendees (addAttendees) put the event back
 * from the record (orgLifeShared.restoreMeetingEvent, one insert, once — the id is the record's, so
 * a second restore is a duplicate key, nothing more). Until then only sign-in by scanning waits.
 *
 * Round trips: the caller's user record; ONE aggregation for the branch (and, at a venue, the venue,
 * a center event there then and the branch's own bookings of it); the record; the event; the audit
 * row — five, with or without a venue.
 */
export const createOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    branchId: idParam,
    kind: kindParam,
    topic: z.string().trim().min(2, '请填写主题').max(40),
    startAt: parkTimeParam,
    endAt: parkTimeParam,
    venueId: z.string().trim().regex(VENUE_ID_RE).optional(),
    place: z.string().trim().max(40).optional(),
    summary: z.string().trim().max(500).default(''),
    guestNames: guestNamesParam.default([]),
    minutes: minutesParam.default(''),
    photos: photosParam.default([]),
  }),
  async handler(p, ctx) {
    const now = Date.now();
    if (p.endAt.getTime() <= p.startAt.getTime()) throw new AppError('VALIDATION', '结束时间需晚于开始时间，请修改后重试。');
    if (p.endAt.getTime() - p.startAt.getTime() > 12 * 3600_000) throw new AppError('VALIDATION', '一次组织生活不超过 12 小时，请核对时间。');
    if (p.startAt.getTime() > now + 90 * DAY || p.startAt.getTime() < now - 366 * DAY) {
      throw new AppError('VALIDATION', '只能记录一年内已开展或 90 天内将开展的组织生活。');
    }
    const { branch, v, centerEvent, holds } = await placeOfMeeting(ctx.caller, p.branchId, p.venueId, p.startAt, p.endAt);
    if (p.venueId && !v) throw new AppError('NOT_FOUND', '所选场所不存在，请重新选择。');
    // A meeting at one of the center's venues must not take over that venue while the center runs an
    // event there (lifecycle L-25: the kiosk showed the branch's code instead of the center's
    // lecture): then it needs the branch's own room booking for the whole time. A checked read, not
    // an invariant — an event the center adds later is protected by the kiosk, which always shows a
    // center event before a meeting (cloudfunctions/checkin/currentCode.ts).
    if (centerEvent && !holds) {
      throw new AppError('CONFLICT', `该时段${v!.name}已安排中心活动“${centerEvent.title}”，请先为本支部预约该场馆的这一时段，或选择其他时间、地点。`);
    }
    const place = p.place || v?.name;
    if (!place) throw new AppError('VALIDATION', '请选择场所或填写地点。');

    const at = new Date();
    // Back-filled evidence (finding G-03): the branch that is rated writes its own records, so one
    // entered more than 7 days after the meeting waits for an admin's 核实 before it counts.
    const late = at.getTime() - p.endAt.getTime() > LATE_ENTRY_MS;
    // The record first, then its sign-in event (saga, see the header; G-22: never an event without
    // its record). The record's insert decides; an id collision draws another.
    for (let attempt = 0; attempt < 3; attempt++) {
      let _id = 'ol-';
      for (let i = 0; i < 10; i++) _id += ALPHABET[randomInt(ALPHABET.length)];
      const doc: OrgLifeDoc = {
        branchId: branch._id, kind: p.kind, topic: p.topic, startAt: p.startAt, endAt: p.endAt, venueId: v ? p.venueId! : null, place,
        summary: p.summary, minutes: p.minutes, photos: p.photos, eventId: newEventId(), guestNames: [...new Set(p.guestNames)], recordedBy: ctx.caller.openid, createdAt: at, updatedAt: at,
        state: late ? 'pending' : 'counted', pendingReason: late ? 'late' : null, confirmedBy: null, confirmedAt: null,
      };
      try {
        await col('orgLife').add({ _id, ...doc });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      doc.eventId = await addMeetingEvent({ _id, ...doc });
      await audit(ctx, { fn: 'org', action: 'createOrgLife', target: `orgLife/${_id}`, before: null, after: { branchId: branch._id, kind: p.kind, topic: p.topic, state: doc.state } });
      return recordView({ _id, ...doc }, 0);
    }
    throw new AppError('CONFLICT', '保存组织生活记录未成功，请重试。');
  },
});

/**
 * The record's sign-in event under the record's `eventId` (as restoreMeetingEvent would put it
 * back). Event ids are short (they travel in the kiosk's code): if the drawn one is taken, the record
 * is moved to another id — conditional on it still naming the first, so nothing else is touched —
 * and the event written under that. Returns the id the event has.
 */
async function addMeetingEvent(r: WithId<OrgLifeDoc>): Promise<string> {
  let eventId = r.eventId;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await restoreMeetingEvent({ ...r, eventId }, { strict: true });
      return eventId;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const next = newEventId();
      await col('orgLife').where({ _id: r._id, eventId }).update({ eventId: next });
      eventId = next;
    }
  }
  throw new AppError('CONFLICT', '保存组织生活记录的签到活动未成功，请打开该记录重试。');
}

/**
 * The branch (if the caller may record for it), and with a venue: the venue, a center event there at
 * that time and the branch's own bookings of it then — ONE aggregation (four reads before).
 */
async function placeOfMeeting(caller: Caller, branchId: string, venueId: string | undefined, startAt: Date, endAt: Date) {
  const $ = cmd().aggregate;
  let q = col('branches').aggregate().match({ _id: branchId });
  if (venueId) {
    q = q
      .lookup({ from: 'venues', let: {}, pipeline: $.pipeline().match({ _id: venueId }).limit(1).done(), as: 'venue' })
      .lookup({ from: 'events', let: {}, pipeline: $.pipeline().match(centerEventWhere(venueId, startAt, endAt)).limit(1).done(), as: 'center' })
      .lookup({
        from: 'roomBookings',
        let: {},
        pipeline: $.pipeline().match(holdingWhere({ kind: 'branch', id: branchId }, venueId, startAt, endAt)).sort({ startAt: 1 }).limit(HOLDING_ROWS).done(),
        as: 'bookings',
      });
  }
  const { data } = (await q.limit(1).end()) as { data: (WithId<BranchDoc> & { venue?: WithId<VenueDoc>[]; center?: WithId<EventDoc>[]; bookings?: { startAt: Date; endAt: Date }[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
  const { venue, center, bookings, ...branch } = row;
  // branchForCaller's rule (shared.ts).
  if (!caller.is('admin') && branch.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能查看和记录本支部的组织生活。');
  return { branch: branch as WithId<BranchDoc>, v: venue?.[0], centerEvent: center?.[0] ?? null, holds: coversAll(bookings ?? [], startAt, endAt) };
}
