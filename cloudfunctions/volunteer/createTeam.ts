import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { VolunteerTeamDoc } from './docs';

/** Admin adds a volunteer team; its name is unique (index). */
export const createTeam = action({
  roles: ['admin'],
  params: z.strictObject({
    name: z.string().trim().min(2, '请填写服务队名称').max(30),
    description: z.string().trim().max(200).default(''),
  }),
  async handler({ name, description }, ctx) {
    const doc: VolunteerTeamDoc = { name, description, order: 100, createdAt: new Date() };
    const _id = `vt-${randomBytes(4).toString('hex')}`;
    try {
      await col('volunteerTeams').add({ _id, ...doc });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '已有同名的志愿服务队，请换一个名称。');
      throw err;
    }
    await audit(ctx, { fn: 'volunteer', action: 'createTeam', target: `volunteerTeams/${_id}`, before: null, after: doc });
    return { id: _id, name, description };
  },
});
