import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { factParams, idParam, keptBranchesAndEnterprise, memberIds, requestIdParam, newRow, newStretch, requireFacts, requireKeptBranch, rosterStart, snapshot, toFacts } from './roster';

/**
 * Registers a member in a branch (no `id`: 摸底登记 of someone already there, counted from the
 * current month; once per `requestId`, so a repeated submit registers them once) or corrects a row's facts (`id`). The branch of a row is never changed here —
 * that is a transfer (requestTransfer / transferOut), which keeps the history.
 * The row and its first stretch are written in one transaction; every change is audited with the
 * row before and after.
 *
 * Round trips (issue 19): registering is 7 (9 before) — the caller, one read of the branch with
 * the enterprise, then the transaction's start, the row, the stretch and its commit, the audit row.
 * Correcting is 7 (8 before): the caller, the kept branches with the enterprise, the transaction
 * (start, the row read, its update, commit), the audit row. Not 5: the row and its stretch are
 * all-or-nothing (a row without its stretch, or a stretch without its row, would miscount the
 * branch's months), and CloudBase runs each call of a transaction as its own round trip, with one
 * to start it and one to commit; the audit row stays outside so a failed transaction logs nothing.
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
      // _id refuses the second transaction whole, and the repeat answers the row already made.
      const id = p.requestId ? memberIds.forRequest(ctx.caller.openid, p.requestId) : memberIds.fresh();
      const from = rosterStart(today);
      const row = newRow(id, facts, p.branchId, from, null);
      try {
        await transaction(async (tx) => {
          await tx.collection('partyMembers').add({ _id: id, ...row });
          await tx.collection('partyMemberships').add({ _id: row.openStretchId!, ...newStretch(id, p.branchId!, from, null) });
        });
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
    const kept = await keptBranchesAndEnterprise(ctx.caller, facts.enterpriseId);
    const { before, after } = await transaction(async (tx) => {
      const m = (await tx.collection('partyMembers').doc(id).get()).data;
      // A row the caller does not keep is answered as missing: its existence is not theirs to learn.
      if (!m || (kept && !(m.branchId && kept.includes(m.branchId)))) throw new AppError('NOT_FOUND', '没有找到这名党员的信息，请返回后刷新。');
      if (m.state !== 'active') throw new AppError('CONFLICT', '该党员已转出园区，记录不再修改。');
      if (p.branchId && p.branchId !== m.branchId) throw new AppError('VALIDATION', '更换支部请办理组织关系转接。');
      const next = { ...m, ...facts, updatedAt: new Date() };
      await tx.collection('partyMembers').doc(id).update({ ...facts, updatedAt: next.updatedAt });
      return { before: m, after: next };
    });
    await audit(ctx, { fn: 'party', action: 'upsertMember', target: `partyMembers/${id}`, before: snapshot(before), after: snapshot(after) });
    return { id, created: false };
  },
});
