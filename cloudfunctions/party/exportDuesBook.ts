import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64, type Column, type Row } from '../admin/public';
import { coversDay, monthStart, requireKeeper, withStretch } from './months';
import { idParam, quarterMonths, statusOf, thisMonth } from './duesShared';
import { duesFigures } from './duesSummary';
import type { PartyDuesDoc } from './docs';

/** Dues rows read per page, and pages at most (a branch of 400 members over a year). */
const PAGE = 1000;
const MAX_PAGES = 5;

/**
 * 党费收缴登记本 of one branch for a year or a quarter, as an .xlsx file (base64, like the admin
 * console's exports): one row per member who belonged to the branch in any month of the period,
 * two columns per month (应缴 in 元, 缴纳日期; “免缴”/“未缴”/“未登记” when there is no date, “—” for a
 * month the member was not in the branch), the totals; the month-by-month completion on a second
 * sheet. Exports take personal data out: each is written to the audit log.
 */
export const exportDuesBook = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    branchId: idParam,
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4).optional(),
  }),
  async handler({ branchId, year, quarter }, ctx) {
    await requireKeeper(ctx.caller, branchId);
    const months = quarter ? quarterMonths(`${year}-Q${quarter}`) : Array.from({ length: 12 }, (_v, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    if (months[0] > thisMonth()) throw new AppError('VALIDATION', '所选期间尚未开始，没有可导出的记录。');
    // The people of the period come with their stretches (on the row, issue 19): one read where the
    // stretches and then their rows were two. A branch has far fewer than 1,000 members a year.
    const [{ data: branchRows }, { data: people }, dues, figures] = await Promise.all([
      col('branches').doc(branchId).get(),
      col('partyMembers')
        .where(withStretch(branchId, cmd().lte(monthStart(months[months.length - 1])), monthStart(months[0])))
        .field({ name: true, standing: true, stretches: true })
        .limit(1000)
        .get(),
      readDues(branchId, months),
      duesFigures(months, [branchId]),
    ]);
    const branch = branchRows[0];
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    const stretchesOf = new Map(people.map((p) => [p._id, p.stretches ?? []]));
    const byKey = new Map(dues.map((d) => [`${d.memberId}:${d.month}`, d]));
    const belongs = (memberId: string, month: string) => (stretchesOf.get(memberId) ?? []).some((s) => s.branchId === branchId && coversDay(s, monthStart(month)));

    const columns: Column[] = [
      { key: 'name', header: '姓名', width: 10 },
      { key: 'standing', header: '类别', width: 8 },
      ...months.flatMap((m): Column[] => [
        { key: `${m}:due`, header: `${Number(m.slice(5))}月应缴（元）`, type: 'number', width: 11 },
        { key: `${m}:paid`, header: `${Number(m.slice(5))}月缴纳`, width: 12 },
      ]),
      { key: 'dueYuan', header: '合计应缴（元）', type: 'number', width: 13 },
      { key: 'paidYuan', header: '合计已缴（元）', type: 'number', width: 13 },
    ];
    const rows: Row[] = people
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((p) => {
        const row: Row = { name: p.name, standing: p.standing };
        let due = 0;
        let paid = 0;
        for (const m of months) {
          if (!belongs(p._id, m)) {
            row[`${m}:paid`] = '—';
            continue;
          }
          const d = byKey.get(`${p._id}:${m}`) ?? null;
          const s = statusOf(d);
          if (d) {
            row[`${m}:due`] = d.amountFen / 100;
            due += d.amountFen;
            if (d.paidOn) paid += d.amountFen;
          }
          row[`${m}:paid`] = d?.paidOn ?? s;
        }
        row.dueYuan = due / 100;
        row.paidYuan = paid / 100;
        return row;
      });

    const f = figures.get(branchId) ?? [];
    const period = quarter ? `${year}年第${quarter}季度` : `${year}年度`;
    const wb = newWorkbook();
    const stamp = `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}`;
    addLedgerSheet(wb, {
      sheet: '党费收缴登记本',
      title: `${branch.name}党费收缴登记本（${period}）`,
      subtitle: `${stamp}　共 ${rows.length} 人　每月按当月1日所在支部登记；“—”表示该月不在本支部`,
      columns,
      rows,
    });
    addLedgerSheet(wb, {
      sheet: '收缴完成情况',
      title: `${branch.name}党费收缴完成情况（${period}）`,
      subtitle: `${stamp}　完成率 =（已缴 + 免缴）÷ 当月党员数`,
      columns: [
        { key: 'month', header: '月份', width: 10 },
        { key: 'members', header: '党员数', type: 'number', width: 8 },
        { key: 'registered', header: '已登记', type: 'number', width: 8 },
        { key: 'paid', header: '已缴', type: 'number', width: 8 },
        { key: 'exempt', header: '免缴', type: 'number', width: 8 },
        { key: 'dueYuan', header: '应缴合计（元）', type: 'number', width: 14 },
        { key: 'paidYuan', header: '已缴合计（元）', type: 'number', width: 14 },
        { key: 'rate', header: '完成率', type: 'percent', width: 10 },
      ],
      rows: f.map((x) => ({ ...x, dueYuan: x.dueFen / 100, paidYuan: x.paidFen / 100 })),
    });
    const base64 = await toBase64(wb);
    const fileName = `${branch.name}_党费收缴登记本_${quarter ? `${year}Q${quarter}` : year}.xlsx`;
    await audit(ctx, { fn: 'party', action: 'exportDuesBook', target: `branches/${branchId}/dues/${months[0]}..${months[months.length - 1]}`, before: null, after: { rows: rows.length } });
    return { fileName, base64, rows: rows.length, months };
  },
});

/** The period's rows of the branch, a page at a time (bounded: MAX_PAGES calls). */
async function readDues(branchId: string, months: string[]): Promise<(PartyDuesDoc & { _id: string })[]> {
  const out: (PartyDuesDoc & { _id: string })[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await col('partyDues').where({ branchId, month: cmd().in(months) }).orderBy('_id', 'asc').skip(page * PAGE).limit(PAGE).get();
    out.push(...data);
    if (data.length < PAGE) return out;
  }
  throw new AppError('VALIDATION', '记录过多，请按季度分次导出。');
}
