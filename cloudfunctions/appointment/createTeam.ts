import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';

/**
 * Admin creates one of the five kinds of development service team. The kind is unique in the
 * database (`teams.uniq_kind`), so there is never a second 法律服务团; the five are seeded.
 */
export const createTeam = action({
  roles: ['admin'],
  params: z.strictObject({
    kind: z.enum(['legal', 'accounting', 'technology', 'finance', 'talent']),
    name: z.string().trim().min(2).max(20),
    description: z.string().trim().max(100).default(''),
  }),
  async handler({ kind, name, description }, ctx) {
    const doc = { kind, name, description, order: ['legal', 'accounting', 'technology', 'finance', 'talent'].indexOf(kind), createdAt: new Date() };
    try {
      await col('teams').add({ _id: `team-${kind}`, ...doc });
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '该类服务团已存在，无需重复创建。');
      throw err;
    }
    await audit(ctx, { fn: 'appointment', action: 'createTeam', target: `teams/team-${kind}`, before: null, after: doc });
    return { id: `team-${kind}`, ...doc };
  },
});
