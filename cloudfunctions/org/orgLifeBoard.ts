import * as z from 'zod';
import { action } from '../../server/core/router';
import { audit } from '../../server/core/audit';
import { AppError } from '../../server/core/errors';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64 } from '../admin/public';
import { loadBoard, STATUS_LABELS, type BoardCell } from './board';
import { kindParam } from './orgLifeShared';
import { quarterLabel, quarterOf } from './scoring';
import { idParam, ledBranchIds, quarterParam } from './shared';

/**
 * The 三会一课 board of a quarter (F-01): branch × kind × period, held / due / overdue.
 * A secretary sees the branches they lead (read from the branches at call time, so a secretary
 * replaced yesterday sees nothing of the old branch today); admins see the park and may export it
 * as an .xlsx file for the 督查 (the export is written to the audit log). Filters narrow the cells,
 * the counts (`totals`) are of the filtered cells.
 */
export const orgLifeBoard = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    quarter: quarterParam.optional(),
    branchId: idParam.optional(),
    kind: kindParam.optional(),
    status: z.enum(['held', 'due', 'overdue']).optional(),
    excel: z.boolean().default(false),
  }),
  async handler(p, ctx) {
    const led = await ledBranchIds(ctx.caller);
    if (led && p.branchId && !led.includes(p.branchId)) throw new AppError('FORBIDDEN', '只能查看本支部的三会一课情况。');
    if (p.excel && led) throw new AppError('FORBIDDEN', '全园区三会一课情况表仅党务管理员可以导出。');
    const quarter = p.quarter ?? quarterOf();
    const board = await loadBoard(quarter, p.branchId ? [p.branchId] : led);
    const cells = board.cells.filter((c) => (!p.kind || c.kind === p.kind) && (!p.status || c.status === p.status));
    const names = new Map(board.branches.map((b) => [b.id, b.name]));
    const totals = { held: 0, due: 0, overdue: 0 };
    for (const c of cells) totals[c.status] += 1;
    const view = {
      quarter,
      quarterLabel: quarterLabel(quarter),
      today: board.today,
      rulesVersion: board.rulesVersion,
      periods: board.periods,
      branches: board.branches.map((b) => ({ id: b.id, name: b.name })),
      cells: cells.map((c) => ({ ...c, branchName: names.get(c.branchId) ?? '', statusLabel: STATUS_LABELS[c.status] })),
      totals,
      truncated: board.truncated,
    };
    if (!p.excel) return { ...view, file: null };
    const wb = newWorkbook();
    addLedgerSheet(wb, {
      sheet: '三会一课落实情况',
      title: `${view.quarterLabel}“三会一课”落实情况`,
      subtitle: [`已开 ${totals.held} 项，待开 ${totals.due} 项，逾期未开 ${totals.overdue} 项`, '“已开”只计已核实计入的记录', `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}`].join('　'),
      columns: [
        { key: 'branchName', header: '党组织', width: 28 },
        { key: 'kind', header: '类别', width: 14 },
        { key: 'periodLabel', header: '周期', width: 16 },
        { key: 'dueOn', header: '截止日期', type: 'day', width: 12 },
        { key: 'min', header: '应开（次）', type: 'number', width: 10 },
        { key: 'held', header: '已开（次）', type: 'number', width: 10 },
        { key: 'pending', header: '待核实（条）', type: 'number', width: 12 },
        { key: 'statusLabel', header: '状态', width: 12 },
      ],
      rows: view.cells as (BoardCell & { branchName: string; statusLabel: string })[] as unknown as Record<string, unknown>[],
    });
    const base64 = await toBase64(wb);
    await audit(ctx, { fn: 'org', action: 'orgLifeBoard', target: `orgLife/${quarter}`, before: null, after: { excel: true, cells: cells.length } });
    return { ...view, file: { fileName: `三会一课落实情况_${quarter}.xlsx`, base64 } };
  },
});
