import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { branchForCaller, openidParam } from './shared';
import { getRecord, recordIdParam } from './orgLifeShared';

/** Corrects a mistake: removes a member added by hand, or a guest name. A scanned sign-in stays (it is the person's own record). */
export const removeAttendee = action({
  roles: ['admin', 'secretary'],
  params: z
    .strictObject({ id: recordIdParam, openid: openidParam.optional(), guestName: z.string().trim().min(1).max(20).optional() })
    .refine((p) => !!p.openid !== !!p.guestName, '请指定一位参会人员'),
  async handler({ id, openid, guestName }, ctx) {
    const r = await getRecord(id);
    await branchForCaller(ctx.caller, r.branchId);
    const _ = cmd();
    if (openid) {
      const { deleted } = await col('checkins').where({ key: `e:${r.eventId}:${openid}`, recordedBy: _.exists(true) }).remove();
      if (!deleted) throw new AppError('CONFLICT', '只能移除书记补录的人员；扫码签到的记录不能删除。');
    } else {
      const { updated } = await col('orgLife').doc(id).update({ guestNames: _.pull(guestName), updatedAt: new Date() });
      if (!updated) throw new AppError('NOT_FOUND', '名单中没有这位人员，请刷新后查看。');
    }
    await audit(ctx, { fn: 'org', action: 'removeAttendee', target: `orgLife/${id}`, before: { openid, guestName }, after: null });
    return { removed: true };
  },
});
