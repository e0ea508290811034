import { randomInt } from 'crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { centerEventAt, eventDoc, newEventId, VENUE_ID_RE } from '../checkin/public';
import { holdsRoom } from '../room/public';
import type { OrgLifeDoc } from './docs';
import { branchForCaller, idParam, parkTimeParam } from './shared';
import { guestNamesParam, kindParam, minutesParam, photosParam, LATE_ENTRY_MS, recordView } from './orgLifeShared';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const DAY = 86400_000;

/**
 * A branch records a meeting (三会一课 or 主题党日). Every record gets a sign-in event (kind
 * 'meeting', refId = the record), so attendees sign in by scanning the rotating code on the kiosk
 * (checkin.scan, unchanged) or are added by the secretary afterwards — both become check-ins of that
 * event, counted once per person by the check-in key. Guests without an account are kept by name.
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
    const [branch, venue, centerEvent] = await Promise.all([
      branchForCaller(ctx.caller, p.branchId),
      p.venueId ? col('venues').doc(p.venueId).get() : null,
      p.venueId ? centerEventAt(p.venueId, p.startAt, p.endAt) : null,
    ]);
    const v = venue?.data[0];
    if (p.venueId && !v) throw new AppError('NOT_FOUND', '所选场所不存在，请重新选择。');
    // A meeting at one of the center's venues must not take over that venue while the center runs an
    // event there (lifecycle L-25: the kiosk showed the branch's code instead of the center's
    // lecture): then it needs the branch's own room booking for the whole time. A checked read, not
    // an invariant — an event the center adds later is protected by the kiosk, which always shows a
    // center event before a meeting (cloudfunctions/checkin/currentCode.ts).
    if (centerEvent && !(await holdsRoom({ kind: 'branch', id: branch._id }, centerEvent.venueId!, p.startAt, p.endAt))) {
      throw new AppError('CONFLICT', `该时段${v!.name}已安排中心活动“${centerEvent.title}”，请先为本支部预约该场馆的这一时段，或选择其他时间、地点。`);
    }
    const place = p.place || v?.name;
    if (!place) throw new AppError('VALIDATION', '请选择场所或填写地点。');

    const event = eventDoc({
      kind: 'meeting', refId: null, title: `${p.kind}：${p.topic}`.slice(0, 40), venueId: v ? p.venueId : null, place,
      startAt: p.startAt, endAt: p.endAt, createdBy: ctx.caller.openid,
    });
    const at = new Date();
    // Back-filled evidence (finding G-03): the branch that is rated writes its own records, so one
    // entered more than 7 days after the meeting waits for an admin's 核实 before it counts.
    const late = at.getTime() - p.endAt.getTime() > LATE_ENTRY_MS;
    // The sign-in event and the record are written in one transaction (G-22): written one after the
    // other, a failure between them left an event pointing at no record (a code at the kiosk for a
    // meeting nobody can see). Both ids are drawn here; a collision of either aborts both, and we draw again.
    for (let attempt = 0; attempt < 3; attempt++) {
      let _id = 'ol-';
      for (let i = 0; i < 10; i++) _id += ALPHABET[randomInt(ALPHABET.length)];
      const eventId = newEventId();
      const doc: OrgLifeDoc = {
        branchId: branch._id, kind: p.kind, topic: p.topic, startAt: p.startAt, endAt: p.endAt, venueId: v ? p.venueId! : null, place,
        summary: p.summary, minutes: p.minutes, photos: p.photos, eventId, guestNames: [...new Set(p.guestNames)], recordedBy: ctx.caller.openid, createdAt: at, updatedAt: at,
        state: late ? 'pending' : 'counted', pendingReason: late ? 'late' : null, confirmedBy: null, confirmedAt: null,
      };
      try {
        await transaction(async (tx) => {
          await tx.collection('events').add({ _id: eventId, ...event, refId: _id });
          await tx.collection('orgLife').add({ _id, ...doc });
        });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      await audit(ctx, { fn: 'org', action: 'createOrgLife', target: `orgLife/${_id}`, before: null, after: { branchId: branch._id, kind: p.kind, topic: p.topic, state: doc.state } });
      return recordView({ _id, ...doc }, 0);
    }
    throw new AppError('CONFLICT', '保存组织生活记录未成功，请重试。');
  },
});
