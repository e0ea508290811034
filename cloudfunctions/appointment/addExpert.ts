import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { expertView, idParam, openidParam } from './shared';
import { profileFields } from './profileParams';
import type { ExpertDoc } from './docs';

/**
 * Admin adds a WeChat user to a service team as an expert, with their profile: the user gets
 * the expert role and team (as user.grantRole would) and the profile is written.
 *
 * Database calls (issue 19; 7 before): the caller's record; ONE aggregation for the user with the
 * team and the expert's existing profile as lookups (three reads before); the user's role and
 * team (an addToSet, so adding twice changes nothing) and the profile, at once; the audit row — 5.
 */
export const addExpert = action({
  roles: ['admin'],
  params: z.strictObject({ openid: openidParam, teamId: idParam, ...profileFields }),
  async handler(p, ctx) {
    const $ = cmd().aggregate;
    const { data } = (await col('users')
      .aggregate()
      .match({ _id: p.openid })
      .project({ _id: 1 })
      .lookup({ from: 'teams', let: {}, pipeline: $.pipeline().match({ _id: p.teamId }).project({ _id: 1 }).limit(1).done(), as: 'team' })
      .lookup({ from: 'experts', let: {}, pipeline: $.pipeline().match({ _id: p.openid }).limit(1).done(), as: 'expert' })
      .limit(1)
      .end()) as { data: { _id: string; team: { _id: string }[]; expert: WithId<ExpertDoc>[] }[] };
    const user = data[0];
    const team = user?.team[0];
    const before = user?.expert[0];
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
