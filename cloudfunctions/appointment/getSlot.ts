import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { expertView, idParam, slotView } from './shared';

/** One slot with its expert's profile and team, for the booking form. */
export const getSlot = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam }),
  async handler({ id }, { caller }) {
    const [slot] = (await col('slots').doc(id).get()).data;
    if (!slot) throw new AppError('NOT_FOUND', '该时段不存在或已被专家撤回，请返回重新选择。');
    const [expertRes, teamRes] = await Promise.all([col('experts').doc(slot.expertId).get(), col('teams').doc(slot.teamId).get()]);
    const expert = expertRes.data[0];
    const team = teamRes.data[0];
    return {
      slot: slotView(slot, caller, expert),
      expert: expert ? expertView(expert) : null,
      team: team ? { id: team._id, name: team.name } : null,
    };
  },
});
