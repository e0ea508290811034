import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { requirePrivacyConsent } from '../../server/core/consent';
import { spendAttempt, type RateLimit } from '../../server/core/rateLimit';

/**
 * A contact redeems one code, once; ten tries in ten minutes leave room for typos of a code read
 * out over the phone, and cap a guesser at ~1 400 tries a day against 32^8 codes. `firstTry`: a
 * person redeems one code, once, so the window's counter is usually created, not raised.
 */
const INVITE_TRIES: RateLimit = { scope: 'redeemInvite', max: 10, windowMinutes: 10, firstTry: true };

const ALREADY_BOUND = '您已绑定企业；如需更换，请联系党群服务中心。';

/**
 * An enterprise contact binds to their enterprise with a code an admin issued.
 *
 * Three conditional single-document writes, no reads and no transaction (issue 19: 5 database
 * calls with the caller's record and the attempt, where the transaction made 11):
 *   1. the invite hands out a use — `uses + 1` where the code exists and has not expired, the
 *      document after the increment answered in the same call (updateAndReturn). Each increment
 *      answers a different number, so exactly the callers who got a number ≤ `maxUses` hold a use:
 *      two people racing for the last use cannot both win. One who got more gives it straight back.
 *   2. the enterprise lists the contact (`addToSet`), answering its name — and that it exists.
 *   3. the person is bound, only if not bound already (`enterpriseId: null` in the condition): a
 *      racing second redeem or an admin's grant for the same person wins or loses as a whole.
 * A refusal at 2 or 3 undoes the steps before it. What the transaction used to add is that a crash
 * between two steps rolled the others back; without it a crash leaves a use spent (harmless: the
 * admin issues another code), or a person on the contact list not yet bound — users.enterpriseId
 * and the role are what give access (room/holders.ts), so that grants nothing, and redeeming again
 * completes it. Worth it: the transaction cost six round trips (start, three reads, commit, and
 * on a race a retry of them all) on every redeem.
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
    if (caller.user.enterpriseId) throw new AppError('CONFLICT', ALREADY_BOUND);
    // Before the code is looked at: a refused code must still count as an attempt.
    await spendAttempt(caller.openid, INVITE_TRIES);
    const _ = cmd();
    const now = new Date();

    const { doc: invite } = await col('invites').where({ _id: code, expiresAt: _.gt(now) }).updateAndReturn({ uses: _.inc(1) });
    if (!invite) throw await refusal(code);
    const giveBack = () => col('invites').doc(code).update({ uses: _.inc(-1) });
    if (invite.uses > invite.maxUses) {
      await giveBack();
      throw new AppError('CLOSED', '邀请码使用次数已满，请联系管理员。');
    }

    const { doc: enterprise } = await col('enterprises').where({ _id: invite.enterpriseId }).updateAndReturn({ contactOpenids: _.addToSet(caller.openid) });
    if (!enterprise) {
      await giveBack();
      throw new AppError('NOT_FOUND', '邀请码对应的企业已不存在，请联系管理员。');
    }

    const bound = await col('users')
      .where({ _id: caller.openid, enterpriseId: null })
      .update({ enterpriseId: enterprise._id, roles: _.addToSet('enterprise'), updatedAt: now });
    if (!bound.updated) {
      // Bound meanwhile (a second tap, another device, an admin): undo, unless it was to this
      // very enterprise — then the list entry is theirs by right.
      const [me] = (await col('users').doc(caller.openid).get()).data;
      await Promise.all([
        giveBack(),
        me?.enterpriseId === enterprise._id ? null : col('enterprises').doc(enterprise._id).update({ contactOpenids: _.pull(caller.openid) }),
      ]);
      throw new AppError('CONFLICT', ALREADY_BOUND);
    }
    return { enterprise: { id: enterprise._id, name: enterprise.name } };
  },
});

/** Why no use was handed out (a read, on the refusal path only). */
async function refusal(code: string): Promise<AppError> {
  const [invite] = (await col('invites').doc(code).get()).data;
  if (!invite) return new AppError('NOT_FOUND', '邀请码不存在，请核对后重新输入。');
  // It exists, so it had expired when the use was asked for (the one condition besides the code).
  return new AppError('CLOSED', '邀请码已过期，请联系管理员重新发放。');
}
