import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { expertTeamOf, expertView } from './shared';
import { profileFields } from './profileParams';

/** An expert keeps their own profile (name, organisation, specialities, introduction, auto-confirm). */
export const upsertProfile = action({
  roles: ['expert'],
  params: z.strictObject({ ...profileFields, autoConfirm: z.boolean().optional() }),
  async handler(p, { caller }) {
    const teamId = expertTeamOf(caller);
    const now = new Date();
    const [existing] = (await col('experts').doc(caller.openid).get()).data;
    const doc = {
      teamId,
      name: p.name,
      organisation: p.organisation,
      title: p.title ?? existing?.title ?? '',
      specialities: [...new Set(p.specialities)],
      intro: p.intro ?? existing?.intro ?? '',
      autoConfirm: p.autoConfirm ?? existing?.autoConfirm ?? false,
      active: existing?.active ?? true,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await col('experts').doc(caller.openid).set(doc);
    return expertView({ _id: caller.openid, ...doc });
  },
});
