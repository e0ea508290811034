import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { OrgLifeDoc } from './docs';
import { kindParam, minutesParam, photosParam, recordForChange, recordIdParam, recordView, stateOf } from './orgLifeShared';

/**
 * The secretary (or an admin) corrects a record: kind, topic, place, summary, 会议记录 and photos (G-03:
 * attachments are evidence too, so adding them to a past meeting follows the same 核实 rule). The time is not
 * editable — a wrong date is withdrawn and entered again, which then meets the 7-day rule like any
 * back-fill. An edit of a meeting that has already begun rewrites evidence after the fact, so the
 * record waits for an admin's 核实 again (and its earlier confirmation is cleared). Refused once the
 * quarter's rating is final, and for a withdrawn record. Audited with what changed.
 */
export const updateOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({
      id: recordIdParam,
      kind: kindParam.optional(),
      topic: z.string().trim().min(2, '请填写主题').max(40).optional(),
      place: z.string().trim().min(1).max(40).optional(),
      summary: z.string().trim().max(500).optional(),
      minutes: minutesParam.optional(),
      photos: photosParam.optional(),
    })
    .refine((p) => Object.entries(p).some(([k, v]) => k !== 'id' && v !== undefined), '请填写要修改的内容'),
  async handler({ id, ...patch }, ctx) {
    // Four round trips (issue 19; six before): the caller, the record with its branch and lock, the update, the audit row.
    const r = await recordForChange(ctx.caller, id);
    if (stateOf(r) === 'withdrawn') throw new AppError('CONFLICT', '该记录已撤回，不能再修改。');
    // Photos compare as lists; a record made before attachments existed has none.
    const same = (k: string, v: unknown) => JSON.stringify(v) === JSON.stringify(r[k as keyof OrgLifeDoc] ?? (k === 'photos' ? [] : k === 'minutes' ? '' : undefined));
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => v !== undefined && !same(k, v))) as Partial<OrgLifeDoc>;
    if (Object.keys(changed).length === 0) return { ...recordView(r, 0), changed: 0 };
    const at = new Date();
    const past = new Date(r.startAt).getTime() <= at.getTime();
    const next: Partial<OrgLifeDoc> = {
      ...changed, editedBy: ctx.caller.openid, editedAt: at, updatedAt: at,
      ...(past ? { state: 'pending' as const, pendingReason: 'edited' as const, confirmedBy: null, confirmedAt: null, reviewNote: '' } : {}),
    };
    // Conditional on the record still being live: a withdrawal that lands first wins.
    const { updated } = await col('orgLife').where({ _id: id, state: cmd().neq('withdrawn') }).update(next);
    if (!updated) throw new AppError('CONFLICT', '该记录已撤回，不能再修改。');
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, r[k as keyof OrgLifeDoc]]));
    await audit(ctx, { fn: 'org', action: 'updateOrgLife', target: `orgLife/${id}`, before: { ...before, state: stateOf(r) }, after: { ...changed, state: next.state ?? stateOf(r) } });
    return { ...recordView({ ...r, ...next }, 0), changed: Object.keys(changed).length };
  },
});
