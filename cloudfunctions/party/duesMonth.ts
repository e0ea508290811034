import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { membersOf, requireKeeper } from './months';
import { duesId, idParam, monthParam, statusOf, thisMonth, type DuesStatus } from './duesShared';

const ORDER: Record<DuesStatus, number> = { 未登记: 0, 未缴: 1, 免缴: 2, 已缴: 3 };

/**
 * 党费收缴登记本, one branch's month: every member who belonged to the branch when the month began
 * (the dated stretches, not today's roster), with the amount due and the day paid — a member with
 * no amount entered is listed as 未登记, so nobody is silently missing. Open rows first.
 * Database calls: branch + stretches + members + the month's rows (4), whatever the branch size.
 */
export const duesMonth = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ branchId: idParam, month: monthParam }),
  async handler({ branchId, month }, { caller }) {
    await requireKeeper(caller, branchId);
    const [branch] = (await col('branches').doc(branchId).get()).data;
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    const ids = await membersOf(branchId, month);
    const _ = cmd();
    const [{ data: people }, { data: dues }] = ids.length
      ? await Promise.all([
          col('partyMembers').where({ _id: _.in(ids) }).field({ name: true, standing: true, state: true }).limit(1000).get(),
          col('partyDues').where({ _id: _.in(ids.map((id) => duesId(id, month))) }).limit(1000).get(),
        ])
      : [{ data: [] }, { data: [] }];
    const byId = new Map(dues.map((d) => [d.memberId, d]));
    const members = people
      .map((p) => {
        const d = byId.get(p._id) ?? null;
        return { memberId: p._id, name: p.name, standing: p.standing, amountFen: d ? d.amountFen : null, paidOn: d?.paidOn ?? null, status: statusOf(d) };
      })
      .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name, 'zh-CN'));
    const count = (s: DuesStatus) => members.filter((m) => m.status === s).length;
    const totals = {
      members: members.length,
      paid: count('已缴'),
      exempt: count('免缴'),
      unpaid: count('未缴'),
      unregistered: count('未登记'),
      dueFen: members.reduce((s, m) => s + (m.amountFen ?? 0), 0),
      paidFen: members.reduce((s, m) => s + (m.status === '已缴' ? m.amountFen ?? 0 : 0), 0),
    };
    return { branchId, branchName: branch.name, month, canMarkPaid: month <= thisMonth(), members, totals };
  },
});
