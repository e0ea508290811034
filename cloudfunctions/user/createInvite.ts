import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { randomInt } from 'crypto';

// No 0/O/1/I: codes are read aloud and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function newInviteCode(length = 8): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Admin issues an enterprise invite code (the code is the document id, so it is unique). */
export const createInvite = action({
  roles: ['admin'],
  params: z.strictObject({
    enterpriseId: z.string().min(1).max(64),
    maxUses: z.number().int().min(1).max(50).default(3),
    days: z.number().int().min(1).max(365).default(30),
  }),
  async handler({ enterpriseId, maxUses, days }, ctx) {
    const [enterprise] = (await col('enterprises').doc(enterpriseId).get()).data;
    if (!enterprise) throw new AppError('NOT_FOUND', '企业不存在，请刷新列表后重试。');
    const now = new Date();
    const invite = { enterpriseId, maxUses, uses: 0, expiresAt: new Date(now.getTime() + days * 86400_000), createdBy: ctx.caller.openid, createdAt: now };
    for (let attempt = 0; attempt < 3; attempt++) {
      const code = newInviteCode();
      try {
        await col('invites').add({ _id: code, ...invite });
      } catch (err) {
        if (isDuplicateKey(err)) continue;
        throw err;
      }
      await audit(ctx, { fn: 'user', action: 'createInvite', target: `invites/${code}`, before: null, after: invite });
      return { code, enterpriseName: enterprise.name, ...invite };
    }
    throw new AppError('CONFLICT', '生成邀请码失败，请重试。');
  },
});
