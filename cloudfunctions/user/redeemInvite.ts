import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { requirePrivacyConsent } from '../../server/core/consent';
import { spendAttempt, type RateLimit } from '../../server/core/rateLimit';

/**
 * A contact redeems one code, once; ten tries in ten minutes leave room for typos of a code read
 * out over the phone, and cap a guesser at ~1 400 tries a day against 32^8 codes.
 */
const INVITE_TRIES: RateLimit = { scope: 'redeemInvite', max: 10, windowMinutes: 10 };

/**
 * An enterprise contact binds to their enterprise with a code an admin issued.
 * One transaction reads the invite, checks it and moves both documents together: two people
 * racing for the last use cannot both win (the emulator and CloudBase both refuse the second
 * commit with a write conflict, and the retry then sees the code used up).
 */
export const redeemInvite = action({
  roles: 'anyone',
  params: z.strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6,12}$/, '邀请码为 6–12 位字母或数字'),
  }),
  async handler({ code }, { caller }) {
    // Binding makes the person one of the enterprise's contacts, seen by the park: personal data.
    requirePrivacyConsent(caller, '绑定企业');
    if (caller.user.enterpriseId) {
      throw new AppError('CONFLICT', '您已绑定企业；如需更换，请联系党群服务中心。');
    }
    // Outside the transaction: a refused code rolls it back, and the attempt must stay counted.
    await spendAttempt(caller.openid, INVITE_TRIES);
    return transaction(async (tx) => {
      const invite = (await tx.collection('invites').doc(code).get()).data;
      if (!invite) throw new AppError('NOT_FOUND', '邀请码不存在，请核对后重新输入。');
      if (new Date(invite.expiresAt).getTime() < Date.now()) throw new AppError('CLOSED', '邀请码已过期，请联系管理员重新发放。');
      if (invite.uses >= invite.maxUses) throw new AppError('CLOSED', '邀请码使用次数已满，请联系管理员。');
      const enterprise = (await tx.collection('enterprises').doc(invite.enterpriseId).get()).data;
      if (!enterprise) throw new AppError('NOT_FOUND', '邀请码对应的企业已不存在，请联系管理员。');
      const me = (await tx.collection('users').doc(caller.openid).get()).data;
      if (me?.enterpriseId) throw new AppError('CONFLICT', '您已绑定企业；如需更换，请联系党群服务中心。');

      const roles = [...new Set([...(me?.roles ?? []), 'enterprise' as const])];
      await tx.collection('invites').doc(code).update({ uses: invite.uses + 1 });
      await tx.collection('users').doc(caller.openid).update({ enterpriseId: enterprise._id, roles, updatedAt: new Date() });
      await tx
        .collection('enterprises')
        .doc(enterprise._id)
        .update({ contactOpenids: [...new Set([...(enterprise.contactOpenids ?? []), caller.openid])] });
      return { enterprise: { id: enterprise._id, name: enterprise.name } };
    });
  },
});
