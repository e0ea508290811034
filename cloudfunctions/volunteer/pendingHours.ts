import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { SIGN_OUT_GRACE_MS } from './hours';

/** Missing sign-outs across all ended activities, for the organiser to confirm or fix (oldest last). */
export const pendingHours = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const _ = cmd();
    const { data } = await col('volunteerRegistrations')
      .where({ status: 'confirmed', hours: 'open', endAt: _.lt(new Date(Date.now() - SIGN_OUT_GRACE_MS)) })
      .orderBy('endAt', 'desc')
      .limit(100)
      .get();
    const openids = [...new Set(data.map((r) => r.openid))];
    const users = openids.length ? (await col('users').where({ _id: _.in(openids) }).field({ profile: true }).limit(1000).get()).data : [];
    const names = new Map(users.map((u) => [u._id, u.profile?.name?.trim() || '（未填写姓名）']));
    return data.map((r) => ({
      id: r._id,
      activityId: r.activityId,
      title: r.title,
      startAt: r.startAt,
      endAt: r.endAt,
      signedInAt: r.signedInAt,
      name: names.get(r.openid) ?? '（未填写姓名）',
    }));
  },
});
