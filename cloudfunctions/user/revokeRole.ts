import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { adminOpenids } from '../../server/core/config';
import type { UserDoc } from '../../server/core/schema';
import { openidParam, summary } from './shared';
import { openBookingsOf, RETIRE_PAGE, retireExpert } from '../appointment/public';

const NOT_SEEN = '该用户尚未使用过小程序，请让其先打开一次。';

/**
 * The person before the revoke — with, for an expert, the first page of their open bookings ahead
 * (what retireExpert would query next): ONE aggregation.
 */
async function holderOf(openid: string, expert: boolean, now: Date): Promise<{ before: WithId<UserDoc>; openBookings?: { _id: string }[] }> {
  if (!expert) {
    const [before] = (await col('users').doc(openid).get()).data;
    if (!before) throw new AppError('NOT_FOUND', NOT_SEEN);
    return { before };
  }
  const $ = cmd().aggregate;
  const { data } = (await col('users')
    .aggregate()
    .match({ _id: openid })
    .lookup({ from: 'bookings', let: {}, pipeline: $.pipeline().match(openBookingsOf(openid, now)).project({ _id: 1 }).limit(RETIRE_PAGE).done(), as: 'openBookings' })
    .limit(1)
    .end()) as { data: (WithId<UserDoc> & { openBookings: { _id: string }[] })[] };
  if (!data[0]) throw new AppError('NOT_FOUND', NOT_SEEN);
  const { openBookings, ...before } = data[0];
  return { before: before as WithId<UserDoc>, openBookings };
}

/**
 * An admin takes a role back. What hangs on the role goes first (an expert's profile, slots and
 * bookings; an enterprise's contact list; the branches a secretary keeps; an instructor's
 * enterprises), the role itself last, so a revoke interrupted half-way can simply be repeated.
 *
 * Round trips (issue 19; one more before each, the person read again after the change — the
 * user update now answers the record it produced, `updateAndReturn`): the caller, the person, the
 * side write of the role if any, the user update, the audit row: admin and member 4; secretary,
 * enterprise, instructor 5. An expert with nothing booked ahead is 6 (8 before): the first page of
 * open bookings comes with the person in ONE aggregation, then the profile and the open slots (two
 * collections, two writes), the user, the audit row — six documents' worth of change with no
 * request able to merge two of them. Each open booking ahead costs its own cancellation (a bounded
 * number per row, appointment/transition.ts) and one more page query after them.
 */
export const revokeRole = action({
  roles: ['admin'],
  params: z.strictObject({
    openid: openidParam,
    role: z.enum(['admin', 'member', 'secretary', 'expert', 'enterprise', 'instructor']),
  }),
  async handler({ openid, role }, ctx) {
    if (role === 'admin' && openid === ctx.caller.openid) {
      throw new AppError('CONFLICT', '不能撤销自己的管理员身份，请由其他管理员操作。');
    }
    if (role === 'admin' && adminOpenids().includes(openid)) {
      throw new AppError('CONFLICT', '该管理员由部署配置指定，请修改云函数环境变量 REDPARK_ADMIN_OPENIDS。');
    }
    const now = new Date();
    const { before, openBookings } = await holderOf(openid, role === 'expert', now);
    if (!before.roles.includes(role)) throw new AppError('CONFLICT', '该用户没有这个身份，请刷新后查看。');
    const _ = cmd();
    const change: Record<string, unknown> = { roles: _.pull(role), updatedAt: now };
    if (role === 'member') change.memberStatus = 'none';
    // An expert's profile, future open slots and open bookings go with the role (appointment/retire.ts),
    // before the role itself, so a revoke interrupted half-way can simply be repeated.
    let handedOver: Awaited<ReturnType<typeof retireExpert>> | null = null;
    if (role === 'expert') {
      change.expertTeamId = null;
      handedOver = await retireExpert(openid, ctx.caller, openBookings, now);
    }
    if (role === 'enterprise') {
      change.enterpriseId = null;
      if (before.enterpriseId) await col('enterprises').doc(before.enterpriseId).update({ contactOpenids: _.pull(openid) });
    }
    if (role === 'secretary') await col('branches').where({ secretaryOpenid: openid }).update({ secretaryOpenid: null });
    // An instructor who steps down leaves their enterprises without one (the ledger flags them).
    if (role === 'instructor') await col('enterprises').where({ 'instructor.openid': openid }).update({ instructor: null });
    const { doc: after } = await col('users').where({ _id: openid }).updateAndReturn(change);
    if (!after) throw new AppError('NOT_FOUND', NOT_SEEN);
    await audit(ctx, { fn: 'user', action: 'revokeRole', target: `users/${openid}`, before: summary(before), after: handedOver ? { ...summary(after), ...handedOver } : summary(after) });
    return handedOver ? { ...summary(after), ...handedOver } : summary(after);
  },
});
