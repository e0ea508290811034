import * as z from 'zod';
import { action } from '../../server/core/router';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64 } from '../admin/public';
import { quarterParam } from './shared';
import { quarterLabel } from './scoring';
import { payoutNames, payoutTotals, payoutView, quarterPayouts, runningPaid } from './payouts';

/**
 * 红星津贴发放台账 of a quarter as an .xlsx file (base64, like the other exports): one row per
 * recipient with stars, amount, state, dates; the totals and the running total paid in the
 * subtitle. Exports take personal data out: each is written to the audit log.
 */
export const exportPayouts = action({
  roles: ['admin'],
  params: z.strictObject({ quarter: quarterParam }),
  async handler({ quarter }, ctx) {
    const [rows, running] = await Promise.all([quarterPayouts(quarter), runningPaid()]);
    const names = await payoutNames(rows);
    const t = payoutTotals(rows);
    const wb = newWorkbook();
    addLedgerSheet(wb, {
      sheet: '红星津贴发放台账',
      title: `红星津贴发放台账（${quarterLabel(quarter)}）`,
      subtitle: `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}　共 ${t.rows} 条　已审批 ${t.approved} 元　已发放 ${t.paid} 元　累计已发放 ${running.amount} 元`,
      columns: [
        { key: 'branchName', header: '党组织', width: 30 },
        { key: 'name', header: '发放对象', width: 12 },
        { key: 'stars', header: '星级', type: 'number', width: 8 },
        { key: 'amount', header: '金额（元）', type: 'number', width: 12 },
        { key: 'stateLabel', header: '状态', width: 10 },
        { key: 'approvedOn', header: '审批日期', width: 12 },
        { key: 'paidOn', header: '发放日期', width: 12 },
        { key: 'paidByName', header: '发放登记人', width: 12 },
        { key: 'note', header: '备注', width: 30 },
      ],
      rows: rows.map((r) => {
        const v = payoutView(r, names);
        return { ...v, approvedOn: v.approvedOn ?? '', paidOn: v.paidOn ?? '', paidByName: v.paidByName ?? '', note: v.withdrawReason ? `撤销：${v.withdrawReason}` : v.addReason ? `增加：${v.addReason}` : '' };
      }),
    });
    const base64 = await toBase64(wb);
    await audit(ctx, { fn: 'org', action: 'exportPayouts', target: `allowancePayouts/${quarter}`, before: null, after: { rows: rows.length } });
    return { fileName: `红星津贴发放台账_${quarter}.xlsx`, base64, rows: rows.length };
  },
});
