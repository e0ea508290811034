/** Organisation life (三会一课, 主题党日): params and loaders shared by its actions. */
import * as z from 'zod';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { OrgLifeDoc, OrgLifeKind } from './docs';

export const ORG_LIFE_KINDS: readonly OrgLifeKind[] = ['支部党员大会', '支委会', '党小组会', '党课', '主题党日'];
export const kindParam = z.enum(ORG_LIFE_KINDS as [OrgLifeKind, ...OrgLifeKind[]]);
export const recordIdParam = z.string().trim().regex(/^ol-[a-z0-9]{4,16}$/, '记录编号格式不正确');
export const guestNamesParam = z.array(z.string().trim().min(1).max(20)).max(50);

export async function getRecord(id: string): Promise<WithId<OrgLifeDoc>> {
  const [r] = (await col('orgLife').doc(id).get()).data;
  if (!r) throw new AppError('NOT_FOUND', '该组织生活记录不存在或已删除，请返回刷新。');
  return r;
}

export function recordView(r: WithId<OrgLifeDoc>, attendees: number) {
  return {
    id: r._id,
    branchId: r.branchId,
    kind: r.kind,
    topic: r.topic,
    startAt: new Date(r.startAt).toISOString(),
    endAt: new Date(r.endAt).toISOString(),
    place: r.place,
    venueId: r.venueId,
    summary: r.summary,
    eventId: r.eventId,
    guests: r.guestNames.length,
    attendees,
  };
}
