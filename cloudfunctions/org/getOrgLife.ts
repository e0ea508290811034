import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { signInState } from '../checkin/public';
import { branchForCaller, namesOf } from './shared';
import { getRecord, recordIdParam, recordView } from './orgLifeShared';

/**
 * One meeting with its attendance count and who signed in (by code, or added by hand), guests by name
 * and the branch's bound members not yet recorded, for adding by hand.
 */
export const getOrgLife = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ id: recordIdParam }),
  async handler({ id }, { caller }) {
    const r = await getRecord(id);
    const [branch, checkins, members, event] = await Promise.all([
      branchForCaller(caller, r.branchId),
      col('checkins').where({ eventId: r.eventId }).orderBy('at', 'asc').limit(500).get(),
      col('users').where({ branchId: r.branchId, memberStatus: 'approved' }).field({ profile: true }).limit(500).get(),
      col('events').doc(r.eventId).get(),
    ]);
    const names = await namesOf(checkins.data.filter((c) => !members.data.some((m) => m._id === c.openid)).map((c) => c.openid));
    for (const m of members.data) names.set(m._id, m.profile?.name ?? '');
    const present = new Set(checkins.data.map((c) => c.openid));
    const e = event.data[0];
    return {
      ...recordView(r, checkins.data.length + r.guestNames.length),
      branchName: branch.name,
      signIn: e ? signInState(e, Date.now()) : 'closed',
      signedIn: checkins.data.map((c) => ({
        openid: c.openid,
        name: names.get(c.openid) || '（未填姓名）',
        via: c.recordedBy ? ('hand' as const) : ('code' as const),
        at: new Date(c.at).toISOString(),
      })),
      guestNames: r.guestNames,
      absentMembers: members.data.filter((m) => !present.has(m._id)).map((m) => ({ openid: m._id, name: m.profile?.name ?? '' })),
    };
  },
});
