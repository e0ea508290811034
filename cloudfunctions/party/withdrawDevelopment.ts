import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { fileRead } from './development';
import { idParam } from './duesShared';

/**
 * 终止发展 (本人撤回申请、调离园区、不再列为培养对象 …) with the reason. Only before 预备党员: from then
 * on the person is on the roster, and 取消预备党员资格 is a roster matter, not a file closing. A file
 * still at 发展对象 whose roster row exists (a 预备党员 tap died between its two writes,
 * advanceDevelopment.ts) is refused too: that person is on the roster, and tapping 预备党员 again
 * completes the file.
 *
 * Four database round trips (issue 19; five before): the caller's user record, ONE read (the file
 * with the caller's kept branches and its roster row, development.ts fileRead), the file's
 * conditional update, the audit row.
 */
export const withdrawDevelopment = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam, reason: z.string().trim().min(2, '请写明终止原因').max(200) }),
  async handler({ id, reason }, ctx) {
    const { d, kept, row } = await fileRead(ctx.caller, id, { row: true });
    if (kept && !kept.includes(d.branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
    if (d.state !== 'active') throw new AppError('CONFLICT', '该发展档案已终止。');
    if (d.stage === '预备党员' || d.stage === '正式党员') throw new AppError('CONFLICT', `此人已是${d.stage}，请在党员花名册中办理。`);
    if (row) throw new AppError('CONFLICT', '此人已登入党员花名册（上次办理预备党员时档案未及更新）：请先再次办理“预备党员”完成档案，再在花名册中办理。');
    const at = new Date();
    const { updated } = await col('partyDevelopment')
      .where({ _id: id, state: 'active', stage: cmd().in(['入党申请人', '入党积极分子', '发展对象']) })
      .update({ state: 'withdrawn', withdrawal: cmd().set({ reason, by: ctx.caller.openid, at }), updatedAt: at });
      // _.set: the stored null would refuse a nested $set in CloudBase (PathNotViable, findings P-01).
    if (!updated) throw new AppError('CONFLICT', '该档案刚被他人办理过，请刷新后再试。');
    await audit(ctx, { fn: 'party', action: 'withdrawDevelopment', target: `partyDevelopment/${id}`, before: { state: 'active', stage: d.stage }, after: { state: 'withdrawn', reason } });
    return { id, state: 'withdrawn' as const };
  },
});
