import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { branchForCaller, openidParam } from './shared';
import { getRecord, recordIdParam } from './orgLifeShared';

/**
 * Corrects a mistake: strikes a sign-in (added by hand, or a wrong scan — someone who scanned a
 * code they should not have, finding G-05), or a guest name. The audit row keeps the struck
 * sign-in as it was (how it was made and when), so a struck scan can always be traced.
 */
export const removeAttendee = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openid: openidParam.optional(), guestName: z.string().trim().min(1).max(20).optional() })
    .refine((p) => !!p.openid !== !!p.guestName, '请指定一位参会人员'),
  async handler({ id, openid, guestName }, ctx) {
    const r = await getRecord(id);
    await branchForCaller(ctx.caller, r.branchId);
    const _ = cmd();
    let struck: { via: 'hand' | 'code'; at: string; guest: boolean } | null = null;
    if (openid) {
      const key = `e:${r.eventId}:${openid}`;
      const [c] = (await col('checkins').where({ key }).limit(1).get()).data;
      if (!c) throw new AppError('NOT_FOUND', '名单中没有这位人员，请刷新后查看。');
      const { deleted } = await col('checkins').where({ key }).remove();
      if (!deleted) throw new AppError('NOT_FOUND', '名单中没有这位人员，请刷新后查看。');
      struck = { via: c.recordedBy ? 'hand' : 'code', at: new Date(c.at).toISOString(), guest: !!c.guest };
    } else {
      const { updated } = await col('orgLife').doc(id).update({ guestNames: _.pull(guestName), updatedAt: new Date() });
      if (!updated) throw new AppError('NOT_FOUND', '名单中没有这位人员，请刷新后查看。');
    }
    await audit(ctx, { fn: 'org', action: 'removeAttendee', target: `orgLife/${id}`, before: { openid, guestName, ...(struck ? { checkin: struck } : {}) }, after: null });
    return { removed: true };
  },
});
