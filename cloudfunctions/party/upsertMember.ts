import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { factParams, idParam, memberIds, requestIdParam, newRow, requireFacts, requireKeptBranch, rosterStart, snapshot, toFacts } from './roster';
import { keeps, keptLookup, keptOf, NOT_FOUND_MEMBER } from './transfers';
import type { PartyMemberDoc } from './docs';

/**
 * Registers a member in a branch (no `id`: 摸底登记 of someone already there, counted from the
 * current month; once per `requestId`, so a repeated submit registers them once) or corrects a
 * row's facts (`id`). The branch of a row is never changed here — that is a transfer
 * (requestTransfer / transferOut), which keeps the history. Every change is audited with the row
 * before and after.
 *
 * Round trips (issue 19): registering is 4 (9, then 7 with a transaction) — the caller, one read of
 * the branch with the enterprise, the row (its first stretch is on it, so one insert is the whole
 * fact), the audit row. Correcting is 4 (8, then 7) — the caller, ONE read (the row, the caller's
 * kept branches and the enterprise named), the row's update conditional on the row being as read
 * (`updatedAt`, so two secretaries correcting at once cannot silently overwrite each other: the
 * second gets CONFLICT and sees the first's change), the audit row.
 */
export const upsertMember = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ id: idParam.optional(), branchId: idParam.optional(), requestId: requestIdParam.optional(), ...factParams }),
  async handler(p, ctx) {
    const today = parkDay();
    const facts = toFacts(p);
    requireFacts(facts, today);

    if (!p.id) {
      if (!p.branchId) throw new AppError('VALIDATION', '请选择支部。');
      await requireKeptBranch(ctx.caller, p.branchId, facts.enterpriseId, '只能登记本支部的党员。');
      // With the form's requestId, a repeat of the same submit derives the same id: the row's unique
      // _id refuses the second insert, and the repeat answers the row already made.
      const id = p.requestId ? memberIds.forRequest(ctx.caller.openid, p.requestId) : memberIds.fresh();
      const row = newRow(id, facts, p.branchId, rosterStart(today), null);
      try {
        await col('partyMembers').add({ _id: id, ...row });
      } catch (err) {
        if (!p.requestId || !isDuplicateKey(err)) throw err;
        const [made] = (await col('partyMembers').doc(id).get()).data;
        if (!made) throw err;
        return { id, created: true };
      }
      await audit(ctx, { fn: 'party', action: 'upsertMember', target: `partyMembers/${id}`, before: null, after: snapshot(row) });
      return { id, created: true };
    }

    const id = p.id;
    const $ = cmd().aggregate;
    const { data } = (await col('partyMembers')
      .aggregate()
      .match({ _id: id })
      .lookup(keptLookup(ctx.caller))
      .lookup({ from: 'enterprises', let: {}, pipeline: $.pipeline().match({ _id: facts.enterpriseId ?? '' }).project({ _id: 1 }).limit(1).done(), as: 'enterprise' })
      .limit(1)
      .end()) as { data: (WithId<PartyMemberDoc> & { kept: { _id: string }[]; enterprise: unknown[] })[] };
    const row = data[0];
    // A row the caller does not keep is answered as missing: its existence is not theirs to learn.
    if (!row || !keeps(keptOf(ctx.caller, row.kept), row)) throw new AppError('NOT_FOUND', NOT_FOUND_MEMBER);
    const { kept: _k, enterprise, ...m } = row;
    if (facts.enterpriseId && !enterprise.length) throw new AppError('NOT_FOUND', '所选工作单位不存在，请重新选择。');
    if (m.state !== 'active') throw new AppError('CONFLICT', '该党员已转出园区，记录不再修改。');
    if (p.branchId && p.branchId !== m.branchId) throw new AppError('VALIDATION', '更换支部请办理组织关系转接。');
    const updatedAt = new Date();
    const { updated } = await col('partyMembers').where({ _id: id, state: 'active', updatedAt: m.updatedAt }).update({ ...facts, updatedAt });
    if (updated !== 1) throw new AppError('CONFLICT', '这名党员的信息刚被修改过，请刷新后再改。');
    await audit(ctx, { fn: 'party', action: 'upsertMember', target: `partyMembers/${id}`, before: snapshot(m), after: snapshot({ ...m, ...facts, updatedAt }) });
    return { id, created: false };
  },
});
