import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { HANDLER_ROLES } from './machine';

/** People a demand can be assigned to (holders of a handler role), with their service team. */
export const handlers = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const [users, teams] = await Promise.all([
      col('users').where({ roles: cmd().in([...HANDLER_ROLES]) }).limit(500).field({ openid: true, profile: true, roles: true, expertTeamId: true }).get(),
      col('teams').limit(100).field({ name: true }).get(),
    ]);
    const teamName = new Map(teams.data.map((t) => [t._id, t.name]));
    return users.data
      .map((u) => ({
        openid: u.openid,
        name: u.profile?.name?.trim() || '未填写姓名',
        // Experts first under their team; admins are the center's own staff (stand-ins for 党建指导员).
        team: (u.expertTeamId && teamName.get(u.expertTeamId)) || (u.roles.includes('admin') ? '党群服务中心' : ''),
        isExpert: u.roles.includes('expert'),
      }))
      .sort((a, b) => Number(b.isExpert) - Number(a.isExpert) || a.team.localeCompare(b.team, 'zh'));
  },
});
