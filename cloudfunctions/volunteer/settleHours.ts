import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { creditedMinutes } from './hours';
import { idParam, parkTimeParam, registrationView } from './shared';

/**
 * The organiser settles one volunteer's hours:
 *   confirm — signed in but never out: credit until the activity's end (they stayed, forgot to scan);
 *   fix     — set sign-in and sign-out times (e.g. a wrong scan, or someone who came but could
 *             not scan); clears a no-show. Either way the credit is capped at the activity's span.
 */
export const settleHours = action({
  roles: ['admin'],
  params: z.strictObject({
    registrationId: idParam,
    mode: z.enum(['confirm', 'fix']),
    signedInAt: parkTimeParam.optional(),
    signedOutAt: parkTimeParam.optional(),
  }),
  async handler({ registrationId, mode, signedInAt, signedOutAt }, ctx) {
    const [r] = (await col('volunteerRegistrations').doc(registrationId).get()).data;
    if (!r) throw new AppError('NOT_FOUND', '该报名记录不存在，请刷新名单。');
    if (r.status !== 'confirmed') throw new AppError('CLOSED', '只有已确认参加的志愿者可以登记时长。');
    if (Date.now() < new Date(r.startAt).getTime()) throw new AppError('CLOSED', '活动开始后才能登记时长。');
    const span = { startAt: r.startAt, endAt: r.endAt };
    const now = new Date();
    let patch: Record<string, unknown>;
    if (mode === 'confirm') {
      if (!r.signedInAt) throw new AppError('VALIDATION', '该志愿者没有签到记录，请用“修改时长”填写签到和签退时间。');
      if (r.signedOutAt) throw new AppError('CONFLICT', '该志愿者已经签退，时长已自动计算；如有出入请用“修改时长”。');
      const out = new Date(r.endAt);
      patch = { signedOutAt: out, minutes: creditedMinutes(r.signedInAt, out, span), hours: 'confirmed' };
    } else {
      if (!signedInAt || !signedOutAt) throw new AppError('VALIDATION', '请填写签到时间和签退时间。');
      if (signedOutAt.getTime() <= signedInAt.getTime()) throw new AppError('VALIDATION', '签退时间需晚于签到时间。');
      patch = { signedInAt, signedOutAt, minutes: creditedMinutes(signedInAt, signedOutAt, span), hours: 'fixed', noShow: false };
    }
    await col('volunteerRegistrations').doc(r._id).update({ ...patch, updatedAt: now });
    const before = { signedInAt: r.signedInAt, signedOutAt: r.signedOutAt, minutes: r.minutes, hours: r.hours, noShow: r.noShow };
    await audit(ctx, { fn: 'volunteer', action: 'settleHours', target: `volunteerRegistrations/${r._id}`, before, after: { mode, ...patch } });
    return registrationView({ ...r, ...patch } as typeof r);
  },
});
