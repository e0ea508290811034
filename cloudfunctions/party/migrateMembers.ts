import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { memberIds, newRow, rosterStart } from './roster';

/** Users handled per call: each is one insert, so a call stays far inside the time limit. */
export const MIGRATE_BATCH = 50;

/**
 * The roster from what the app knew before it: every approved member with a branch (users with
 * memberStatus 'approved') becomes a row bound to their openid, with a stretch in that branch from
 * the first day of the current month (rosterStart), like every row entered without a transfer: the
 * months before the migration were reported without a roster, and starting the stretch at the
 * user record's creation would add the member to those closed months and change their figures.
 * 入党日期 was never asked, so the row is made incomplete (listMembers `incomplete`) for the
 * secretary to finish; the standing is taken as 正式 until then.
 *
 * Safe to re-run: a person who already has a row (bound by the seed, an approval or an earlier
 * run) is refused by the unique `bindKey` index and counted as skipped; the row id is derived from
 * the openid, so a row is written once. The row carries its stretch (issue 19), so each person is
 * ONE insert — atomic by itself, no transaction (there were two documents before). Bounded: call
 * again with `after` = the returned cursor until `done`.
 */
export const migrateMembers = action({
  roles: ['admin'],
  params: z.strictObject({ after: z.string().trim().max(128).optional() }),
  async handler(p, ctx) {
    const _ = cmd();
    const where: Record<string, unknown> = { memberStatus: 'approved', branchId: _.neq(null) };
    if (p.after) where._id = _.gt(p.after);
    const { data: users } = await col('users').where(where).orderBy('_id', 'asc').limit(MIGRATE_BATCH).get();
    const created: string[] = [];
    let skipped = 0;
    for (const u of users) {
      const id = memberIds.forUser(u._id);
      const from = rosterStart(parkDay());
      const row = newRow(id, { name: u.profile?.name || '未填写姓名', standing: '正式', joinedOn: null, confirmedOn: null, enterpriseId: u.enterpriseId ?? null, relation: '已转入', relationHeldAt: null, phone: u.profile?.phone || null }, u.branchId!, from, u._id);
      try {
        await col('partyMembers').add({ _id: id, ...row });
        created.push(id);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        skipped++;
      }
    }
    if (created.length) await audit(ctx, { fn: 'party', action: 'migrateMembers', target: 'partyMembers/migration', before: null, after: { created } });
    const done = users.length < MIGRATE_BATCH;
    return { scanned: users.length, created: created.length, skipped, after: users.length ? users[users.length - 1]._id : (p.after ?? null), done };
  },
});
