import * as z from 'zod';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { EVENT_ID_RE, VENUE_ID_RE } from './codes';
import { signInState } from './events';
import type { EventDoc, VenueDoc } from './docs';

export const venueIdParam = z.string().trim().regex(VENUE_ID_RE, '场所编号格式不正确');
export const eventIdParam = z.string().trim().regex(EVENT_ID_RE, '活动编号格式不正确');
export { dayParam, parkTimeParam } from '../../server/core/params';

export async function getVenue(id: string): Promise<WithId<VenueDoc>> {
  const [venue] = (await col('venues').doc(id).get()).data;
  if (!venue) throw new AppError('NOT_FOUND', '该场所不存在或已被删除，请刷新后重试。');
  return venue;
}

export async function getEvent(id: string): Promise<WithId<EventDoc>> {
  const [event] = (await col('events').doc(id).get()).data;
  if (!event) throw new AppError('NOT_FOUND', '该活动不存在或已取消，请联系中心工作人员。');
  return event;
}

export function venueSummary(v: WithId<VenueDoc>) {
  return { id: v._id, name: v.name, address: v.address, description: v.description, order: v.order };
}

export function eventSummary(e: WithId<EventDoc>, now = Date.now()) {
  return {
    id: e._id,
    kind: e.kind,
    refId: e.refId,
    title: e.title,
    place: e.place,
    venueId: e.venueId,
    startAt: new Date(e.startAt).toISOString(),
    endAt: new Date(e.endAt).toISOString(),
    rotateSeconds: e.rotateSeconds,
    status: e.status,
    signIn: signInState(e, now),
  };
}

/** Why an event takes no sign-ins, in one sentence. */
export const SIGN_IN_CLOSED: Record<'not_started' | 'ended' | 'closed', string> = {
  not_started: '活动签到尚未开始（开始前 1 小时开放），请稍后再试。',
  ended: '活动已结束，签到已关闭。',
  closed: '该活动已停止签到，如有疑问请联系中心工作人员。',
};
