import { randomInt } from 'crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { BranchDoc } from './docs';
import { formParam, getBranch, idParam } from './shared';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * An admin sets up or reorganises a Party organisation: its name, form and the enterprises it
 * covers. "An enterprise belongs to at most one organisation" is the unique multikey index
 * `uniq_enterprise` on `enterpriseIds` (cloudbaserc.json), so two admins moving the same
 * enterprise into two organisations at once cannot both succeed. Secretaries are set with
 * user.grantRole (role secretary), the one way roles are given.
 */
export const upsertBranch = action({
  roles: ['admin'],
  params: z.strictObject({
    id: idParam.optional(),
    name: z.string().trim().min(4, '请填写党组织全称').max(40),
    form: formParam,
    enterpriseIds: z.array(idParam).min(1, '请至少选择一家企业').max(50),
    attachedTo: z.string().trim().max(40).optional(),
  }),
  async handler({ id, name, form, enterpriseIds, attachedTo }, ctx) {
    const ids = [...new Set(enterpriseIds)];
    if (form === '单独组建' && ids.length !== 1) throw new AppError('VALIDATION', '单独组建的党支部只对应一家企业。');
    if (form === '联合组建' && ids.length < 2) throw new AppError('VALIDATION', '联合组建需要至少两家企业。');
    if (form === '挂靠组建' && !attachedTo) throw new AppError('VALIDATION', '挂靠组建请填写所挂靠的党组织。');
    const _ = cmd();
    const [found, before] = await Promise.all([
      col('enterprises').where({ _id: _.in(ids) }).count(),
      id ? getBranch(id) : null,
    ]);
    if (found.total !== ids.length) throw new AppError('NOT_FOUND', '所选企业中有的已不在台账中，请刷新后重新选择。');
    const fields = { name, form, enterpriseIds: ids, attachedTo: form === '挂靠组建' ? attachedTo ?? '' : '', updatedAt: new Date() };
    let branchId = id;
    try {
      if (before) {
        await col('branches').doc(before._id).update(fields);
      } else {
        branchId = 'br-';
        for (let i = 0; i < 8; i++) branchId += ALPHABET[randomInt(ALPHABET.length)];
        const doc: BranchDoc = { ...fields, secretaryOpenid: null, createdAt: new Date() };
        await col('branches').add({ _id: branchId, ...doc });
      }
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Name which enterprise is taken (the index already refused the write; this read only explains).
      const { data } = await col('branches').where({ enterpriseIds: _.in(ids), _id: _.neq(branchId ?? '') }).field({ name: true }).limit(1).get();
      if (data[0]) throw new AppError('CONFLICT', `所选企业已属于“${data[0].name}”，请先从原党组织中移出。`);
      throw new AppError('CONFLICT', '已有同名党组织，请换一个名称。');
    }
    await audit(ctx, {
      fn: 'org', action: 'upsertBranch', target: `branches/${branchId}`,
      before: before ? { name: before.name, form: before.form, enterpriseIds: before.enterpriseIds } : null,
      after: { name, form, enterpriseIds: ids },
    });
    return { id: branchId! };
  },
});
