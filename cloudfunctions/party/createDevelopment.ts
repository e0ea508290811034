import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { developmentIdFor, requestIdParam } from './roster';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { requireKeeper } from './months';
import { idParam } from './duesShared';
import type { PartyDevelopmentDoc } from './docs';

/**
 * 建立发展档案 at its first step, 入党申请人, on the day the application (入党申请书) was received.
 * The keeper of the branch (or an admin) opens it; `openid` binds the person's WeChat user so they
 * can see their own file. Once per `requestId` (one per opening of the form): a repeat answers the
 * file the first attempt opened.
 */
export const createDevelopment = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    name: z.string().trim().min(1, '请填写姓名').max(40),
    branchId: idParam,
    openid: z.string().trim().min(1).max(128).optional(),
    enterpriseId: idParam.optional(),
    appliedOn: dayParam,
    note: z.string().trim().max(500).optional(),
    requestId: requestIdParam.optional(),
  }),
  async handler(p, ctx) {
    await requireKeeper(ctx.caller, p.branchId);
    if (p.appliedOn > parkDay()) throw new AppError('VALIDATION', `递交入党申请的日期 ${p.appliedOn} 晚于今天，请检查。`);
    const [branch] = (await col('branches').doc(p.branchId).get()).data;
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    const at = new Date();
    const doc: PartyDevelopmentDoc = {
      name: p.name,
      branchId: p.branchId,
      openid: p.openid ?? null,
      enterpriseId: p.enterpriseId ?? null,
      stage: '入党申请人',
      stageOn: p.appliedOn,
      steps: [{ stage: '入党申请人', on: p.appliedOn, by: ctx.caller.openid, at, note: p.note ?? null }],
      contacts: [],
      memberId: null,
      state: 'active',
      withdrawal: null,
      createdAt: at,
      updatedAt: at,
    };
    // With the form's requestId the file's id is derived from it: a repeated submit (double tap,
    // retry after a lost reply) is refused by the unique _id and answers the file already opened.
    let id: string;
    if (p.requestId) {
      id = developmentIdFor(ctx.caller.openid, p.requestId);
      try {
        await col('partyDevelopment').add({ _id: id, ...doc });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const [made] = (await col('partyDevelopment').doc(id).get()).data;
        if (!made) throw err;
        return { id, stage: made.stage, stageOn: made.stageOn };
      }
    } else {
      ({ id } = await col('partyDevelopment').add(doc));
    }
    await audit(ctx, { fn: 'party', action: 'createDevelopment', target: `partyDevelopment/${id}`, before: null, after: { name: p.name, branchId: p.branchId, appliedOn: p.appliedOn } });
    return { id, stage: doc.stage, stageOn: doc.stageOn };
  },
});
