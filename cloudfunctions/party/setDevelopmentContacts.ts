import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { checkContactRows, distinctContacts, fileRead } from './development';
import { idParam } from './duesShared';

/**
 * 确定培养联系人 (two 正式党员 of the branch) — usually when the person becomes 入党积极分子; needed
 * before 发展对象. Conditioned on the file still being open at the stage read.
 *
 * Four database round trips (issue 19; six before): the caller's user record, ONE read (the file
 * with the caller's kept branches and the two contacts' roster rows, development.ts fileRead — it
 * was three reads), the file's conditional update, the audit row.
 */
export const setDevelopmentContacts = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam, contacts: z.array(idParam).length(2, '培养联系人须为两名党员') }),
  async handler({ id, contacts }, ctx) {
    const { d, kept, contactRows } = await fileRead(ctx.caller, id, { contacts: [...new Set(contacts)] });
    if (kept && !kept.includes(d.branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
    if (d.state !== 'active' || d.stage === '预备党员' || d.stage === '正式党员') throw new AppError('CONFLICT', `当前为“${d.state === 'active' ? d.stage : '已终止'}”，无需再确定培养联系人。`);
    const keep = checkContactRows(d.branchId, distinctContacts(contacts), contactRows);
    const { updated } = await col('partyDevelopment').where({ _id: id, stage: d.stage, state: 'active' }).update({ contacts: keep, updatedAt: new Date() });
    if (!updated) throw new AppError('CONFLICT', '该档案刚被他人办理过，请刷新后再试。');
    await audit(ctx, { fn: 'party', action: 'setDevelopmentContacts', target: `partyDevelopment/${id}`, before: { contacts: d.contacts }, after: { contacts: keep } });
    return { id, contacts: keep };
  },
});
