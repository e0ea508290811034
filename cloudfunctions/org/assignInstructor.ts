import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import type { EnterpriseDoc } from './docs';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam, openidParam } from './shared';
import { writeLedger } from './ledgerWrite';

/**
 * An admin assigns a 党建指导员 to an enterprise (or removes the assignment with `openid: null`).
 *
 * Round trips (issue 19; eight before): five — the caller's user record; the entry with the chosen
 * user's record in ONE aggregation; the entry's conditional update and its log row (ledgerWrite's
 * saga, no transaction: see its header); the audit row.
 */
export const assignInstructor = action({
  roles: ['admin'],
  params: z.strictObject({ enterpriseId: idParam, openid: openidParam.nullable() }),
  async handler({ enterpriseId, openid }, ctx) {
    let instructor: { openid: string; name: string } | null = null;
    // The entry and the chosen user in one aggregation (two reads before).
    const $ = cmd().aggregate;
    const { data } = (await col('enterprises')
      .aggregate()
      .match({ _id: enterpriseId })
      .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: openid ?? '' }).project({ roles: 1, profile: 1 }).limit(1).done(), as: 'chosen' })
      .limit(1)
      .end()) as { data: (WithId<EnterpriseDoc> & { chosen: { roles?: string[]; profile?: { name?: string } }[] })[] };
    const { chosen, ...entry } = data[0] ?? { chosen: [] };
    if (openid) {
      const u = chosen[0];
      if (!u || !(u.roles ?? []).includes('instructor')) {
        throw new AppError('VALIDATION', '该用户不是党建指导员，请先在用户管理中授予“党建指导员”身份。');
      }
      instructor = { openid, name: u.profile?.name ?? '' };
    }
    const { changes } = await writeLedger(ctx, enterpriseId, {}, { instructor }, data[0] ? (entry as WithId<EnterpriseDoc>) : null);
    if (changes.length) {
      await audit(ctx, { fn: 'org', action: 'assignInstructor', target: `enterprises/${enterpriseId}`, before: changes[0].before, after: changes[0].after });
    }
    return { enterpriseId, instructor };
  },
});
