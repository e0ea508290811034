import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { expertView, idParam } from './shared';
import { currentExperts } from './retire';

/** Active experts who hold the expert role now, optionally of one team and with one speciality. */
export const listExperts = action({
  roles: 'anyone',
  params: z.strictObject({ teamId: idParam.optional(), speciality: z.string().trim().min(1).max(20).optional() }),
  async handler({ teamId, speciality }) {
    const where: Record<string, unknown> = { active: true };
    if (teamId) where.teamId = teamId;
    // Matches an element of the specialities array (MongoDB array semantics).
    if (speciality) where.specialities = speciality;
    const { data } = await col('experts').where(where).orderBy('name', 'asc').limit(200).get();
    const current = await currentExperts(data.map((e) => e._id));
    return data.filter((e) => current.has(e._id)).map(expertView);
  },
});
