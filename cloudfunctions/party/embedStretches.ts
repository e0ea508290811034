import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { mapLimit } from '../../server/core/limit';
import type { PartyStretch } from './docs';

/** Rows handled per call: one read of the rows, one of their stretches, then one update per row. */
export const EMBED_BATCH = 100;

/**
 * One-off migration for issue 19: a member's dated stretches used to be separate documents
 * (`partyMemberships`); they now live on the row (`PartyMemberDoc.stretches`) so a transfer is one
 * conditional update of one document. This copies them onto every row written before: rows without
 * a `stretches` field, read in `_id` order, their stretch documents in ONE query, oldest first, and
 * each row written with an update conditioned on still having no `stretches` — so a row migrated
 * already (or written by the new code meanwhile) is never overwritten, and re-running changes
 * nothing. The old documents are left in place (nothing reads them any more); they can be dropped
 * once every environment has run this.
 *
 * Run once after deploying, before the roster is used: the readers count a member by the row's
 * stretches, so an unmigrated row counts nowhere. Bounded: call again with `after` = `next` until
 * `next` is null. A row without any stretch document (none should exist) gets an empty list and is
 * reported in `empty` for a look by hand rather than being given an invented stretch.
 */
export const embedStretches = action({
  roles: ['admin'],
  params: z.strictObject({ after: z.string().trim().min(1).max(128).optional() }),
  async handler(p, ctx) {
    const _ = cmd();
    const where: Record<string, unknown> = { stretches: _.exists(false) };
    if (p.after) where._id = _.gt(p.after);
    const { data: rows } = await col('partyMembers').where(where).orderBy('_id', 'asc').field({ _id: true }).limit(EMBED_BATCH).get();
    const ids = rows.map((r) => r._id);
    // A member changes branch a few times in a career: ten stretches a row is far above any real
    // one, and a page read to its limit is refused below rather than cut short silently.
    const cap = ids.length * 10;
    const { data: docs } = ids.length
      ? await col('partyMemberships').where({ memberId: _.in(ids) }).orderBy('memberId', 'asc').orderBy('from', 'asc').limit(cap).get()
      : { data: [] };
    if (ids.length && docs.length >= cap) throw new AppError('CONFLICT', `这一批 ${ids.length} 名党员的任职时段记录多达 ${docs.length} 条，超出预期，请联系技术人员核查后再迁移。`);
    const byMember = new Map<string, PartyStretch[]>(ids.map((id) => [id, []]));
    for (const s of docs) byMember.get(s.memberId)?.push({ branchId: s.branchId, from: s.from, to: s.to, transferId: s.transferId ?? null });

    const migrated: string[] = [];
    const empty: string[] = [];
    await mapLimit(ids, 5, async (id) => {
      const stretches = byMember.get(id)!;
      // `openStretchId` named the open stretch document; the row's last stretch says it now.
      const { updated } = await col('partyMembers')
        .where({ _id: id, stretches: _.exists(false) })
        .update({ stretches, ...({ openStretchId: _.remove() } as object) });
      if (!updated) return;
      migrated.push(id);
      if (!stretches.length) empty.push(id);
    });
    migrated.sort();
    empty.sort();
    if (migrated.length) {
      await audit(ctx, { fn: 'party', action: 'embedStretches', target: 'partyMembers/stretches', before: null, after: { migrated, empty } });
    }
    const next = rows.length === EMBED_BATCH ? ids[ids.length - 1] : null;
    return { migrated: migrated.length, empty, next };
  },
});
