import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { expertTeamOf, expertView } from './shared';

/**
 * The caller's expert profile (a blank one from their user record if none was written yet),
 * with the center's venues they may hold consultations in (for the publish form).
 */
export const myProfile = action({
  roles: ['expert'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const teamId = expertTeamOf(caller);
    const [[expert], [team], venueList] = await Promise.all([
      col('experts').doc(caller.openid).get().then((r) => r.data),
      col('teams').doc(teamId).get().then((r) => r.data),
      col('venues').orderBy('order', 'asc').limit(100).get(),
    ]);
    const team_ = team ? { id: team._id, name: team.name } : null;
    const venues = venueList.data.map((v) => ({ id: v._id, name: v.name, address: v.address }));
    if (expert) return { exists: true, team: team_, venues, profile: expertView(expert) };
    return {
      exists: false,
      team: team_,
      venues,
      profile: { id: caller.openid, teamId, name: caller.user.profile?.name ?? '', organisation: caller.user.profile?.organisation ?? '', title: '', specialities: [] as string[], intro: '', autoConfirm: false },
    };
  },
});
