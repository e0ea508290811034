import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { PolicyPackageDoc } from './docs';
import { idParam } from './shared';

/** Admin creates (no id) or edits (id) a 惠企礼包; every listed policy must exist. Audited. */
export const upsertPackage = action({
  roles: ['admin'],
  params: z.strictObject({
    id: idParam.optional(),
    title: z.string().trim().min(2).max(30),
    description: z.string().trim().min(4).max(300),
    audience: z.string().trim().min(2).max(60),
    policyIds: z.array(idParam).min(1, '请至少选择一项政策').max(30),
    order: z.number().int().min(0).max(999).default(0),
  }),
  async handler({ id, policyIds, ...fields }, ctx) {
    const ids = [...new Set(policyIds)];
    const { total } = await col('policies').where({ _id: cmd().in(ids) }).count();
    if (total !== ids.length) throw new AppError('NOT_FOUND', '所选政策中有已删除的项目，请刷新后重新选择。');
    const at = new Date();
    const body = { ...fields, policyIds: ids, updatedAt: at, updatedBy: ctx.caller.openid };
    const duplicate = () => new AppError('CONFLICT', '已有同名礼包，请修改名称。');
    try {
      if (!id) {
        const doc: PolicyPackageDoc = { ...body, createdAt: at };
        const { id: newId } = await col('policyPackages').add(doc);
        await audit(ctx, { fn: 'policy', action: 'upsertPackage', target: `policyPackages/${newId}`, before: null, after: doc });
        return { id: newId, created: true };
      }
      const [before] = (await col('policyPackages').doc(id).get()).data;
      if (!before) throw new AppError('NOT_FOUND', '要编辑的礼包不存在，请返回列表刷新。');
      const { _id: _drop, ...old } = before;
      const doc: PolicyPackageDoc = { ...body, createdAt: old.createdAt };
      await col('policyPackages').doc(id).set(doc);
      await audit(ctx, { fn: 'policy', action: 'upsertPackage', target: `policyPackages/${id}`, before: old, after: doc });
      return { id, created: false };
    } catch (err) {
      if (isDuplicateKey(err)) throw duplicate();
      throw err;
    }
  },
});
