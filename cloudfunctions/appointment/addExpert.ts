import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { expertView, idParam, openidParam } from './shared';
import { profileFields } from './profileParams';

/**
 * Admin adds a WeChat user to a service team as an expert, with their profile: the user gets
 * the expert role and team (as user.grantRole would) and the profile is written.
 */
export const addExpert = action({
  roles: ['admin'],
  params: z.strictObject({ openid: openidParam, teamId: idParam, ...profileFields }),
  async handler(p, ctx) {
    const [[user], [team], [before]] = await Promise.all([
      col('users').doc(p.openid).get().then((r) => r.data),
      col('teams').doc(p.teamId).get().then((r) => r.data),
      col('experts').doc(p.openid).get().then((r) => r.data),
    ]);
    if (!user) throw new AppError('NOT_FOUND', '该用户尚未使用过小程序，请让其先打开一次。');
    if (!team) throw new AppError('NOT_FOUND', '服务团不存在，请刷新后重新选择。');
    const now = new Date();
    const doc = {
      teamId: p.teamId,
      name: p.name,
      organisation: p.organisation,
      title: p.title ?? '',
      specialities: [...new Set(p.specialities)],
      intro: p.intro ?? '',
      autoConfirm: before?.autoConfirm ?? false,
      active: true,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await Promise.all([
      col('users').doc(p.openid).update({ roles: cmd().addToSet('expert'), expertTeamId: p.teamId, updatedAt: now }),
      col('experts').doc(p.openid).set(doc),
    ]);
    await audit(ctx, { fn: 'appointment', action: 'addExpert', target: `experts/${p.openid}`, before: before ?? null, after: doc });
    return expertView({ _id: p.openid, ...doc });
  },
});
