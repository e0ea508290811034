import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { idParam } from './shared';

/**
 * An expert withdraws one of their open slots. The removal is conditional on the slot still
 * being open, so it cannot race a booking: either the booking took it first (CONFLICT: cancel
 * the booking instead) or the slot is gone before anyone books it.
 */
export const withdrawSlot = action({
  roles: ['expert'],
  params: z.strictObject({ slotId: idParam }),
  async handler({ slotId }, { caller }) {
    const { deleted } = await col('slots').where({ _id: slotId, expertId: caller.openid, state: 'open' }).remove();
    if (deleted) return { slotId, withdrawn: true };
    const [slot] = (await col('slots').doc(slotId).get()).data;
    if (!slot || slot.expertId !== caller.openid) throw new AppError('NOT_FOUND', '该时段不存在，请刷新列表。');
    throw new AppError('CONFLICT', '该时段已有企业预约，请先在预约详情中取消预约（需填写原因）。');
  },
});
