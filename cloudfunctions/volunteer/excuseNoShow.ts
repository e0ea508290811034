import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './shared';

/**
 * An organiser accepts a volunteer's reason for a no-show (请假、记录有误): it stops counting
 * towards the sign-up cool-down at once (signUp.ts reads the rows). The row keeps `noShow` — the
 * roster still shows what happened — with the excuse beside it. Audited.
 */
export const excuseNoShow = action({
  roles: ['admin'],
  params: z.strictObject({ registrationId: idParam, reason: z.string().trim().min(2, '请填写核销原因').max(200) }),
  async handler({ registrationId, reason }, ctx) {
    const excuse = { at: new Date(), by: ctx.caller.openid, reason };
    const { doc } = await col('volunteerRegistrations').where({ _id: registrationId, noShow: true, noShowExcused: null }).updateAndReturn({ noShowExcused: excuse });
    if (!doc) {
      const [r] = (await col('volunteerRegistrations').doc(registrationId).get()).data;
      if (!r) throw new AppError('NOT_FOUND', '报名记录不存在，请刷新后查看。');
      if (!r.noShow) throw new AppError('CONFLICT', '该报名没有缺席记录。');
      throw new AppError('CONFLICT', '该次缺席已核销。');
    }
    await audit(ctx, { fn: 'volunteer', action: 'excuseNoShow', target: `volunteerRegistrations/${registrationId}`, before: { noShowExcused: null }, after: { noShowExcused: { reason } } });
    return { registrationId, excused: true };
  },
});
