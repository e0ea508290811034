import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { requirePrivacyConsent } from '../../server/core/consent';
import { idParam } from './shared';

/**
 * An approved member who moves to another branch is not a new application: their secretary
 * records it as a transfer (party.requestTransfer), which keeps the months they counted where.
 */
const ALREADY_MEMBER = '您已是已认证党员；如需转到其他支部，请联系本支部书记在“组织关系转接”中办理。';

/** A Party member asks to be bound to their branch; the branch secretary approves. */
export const applyMember = action({
  roles: 'anyone',
  params: z.strictObject({ branchId: idParam }),
  async handler({ branchId }, { caller }) {
    const u = caller.user;
    requirePrivacyConsent(caller, '提交入支部申请');
    if (!u.profile?.name) throw new AppError('VALIDATION', '请先在“我的资料”中填写真实姓名，便于支部书记核对。');
    if (u.memberStatus === 'approved') throw new AppError('CONFLICT', ALREADY_MEMBER);
    const [branch] = (await col('branches').doc(branchId).get()).data;
    if (!branch) throw new AppError('NOT_FOUND', '支部不存在，请重新选择。');
    // Conditional on "not yet approved" so a late re-apply cannot undo an approval that landed meanwhile.
    const _ = cmd();
    const { updated } = await col('users')
      .where({ _id: caller.openid, memberStatus: _.neq('approved') })
      .update({ branchId, memberStatus: 'pending', appliedAt: new Date(), updatedAt: new Date() });
    if (!updated) throw new AppError('CONFLICT', ALREADY_MEMBER);
    return { memberStatus: 'pending' as const, branch: { id: branch._id, name: branch.name } };
  },
});
