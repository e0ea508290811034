import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64 } from '../admin/public';
import { keptBranches, requireKeeper } from './months';
import { idParam } from './roster';
import { ROSTER_COLUMNS, rosterCount, rosterRows } from './rosterSheet';

/** Far beyond a park's roster; the sheet says so if it is ever cut. */
const MAX_ROWS = 5_000;
const PAGE = 1_000;

/**
 * 党员花名册 as an .xlsx file (base64 in the reply): a secretary's own branches (or one of them),
 * an admin's whole park (or one branch). The same columns the import reads, and a sheet of notes,
 * so the file is also the import template. Audited: it takes personal data out of the system.
 */
export const exportRoster = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ branchId: idParam.optional() }),
  async handler(p, ctx) {
    const kept = await keptBranches(ctx.caller);
    if (p.branchId) await requireKeeper(ctx.caller, p.branchId);
    const scope = p.branchId ? [p.branchId] : kept;
    if (scope && scope.length === 0) throw new AppError('FORBIDDEN', '您目前没有负责的支部。');
    const total = await rosterCount(scope);
    const take = Math.min(total, MAX_ROWS);
    const pages: Promise<Record<string, unknown>[]>[] = [];
    for (let skip = 0; skip < take; skip += PAGE) pages.push(rosterRows(scope, skip, Math.min(PAGE, take - skip)));
    const rows = (await Promise.all(pages)).flat();
    const now = inPark(new Date());
    const wb = newWorkbook();
    addLedgerSheet(wb, {
      sheet: '党员花名册',
      title: '党员花名册',
      subtitle: [`截至 ${now.format('YYYY-MM-DD')}`, `导出时间：${now.format('YYYY-MM-DD HH:mm')}`, `共 ${total} 人`, total > MAX_ROWS ? `仅含前 ${MAX_ROWS} 人` : ''].filter(Boolean).join('　'),
      columns: ROSTER_COLUMNS,
      rows,
    });
    addLedgerSheet(wb, {
      sheet: '填写说明',
      title: '导入说明：修改后另存为 .xlsx，在“花名册导入”中上传；有编号的行更新该党员，编号空白的行新增',
      subtitle: '更换支部、转出园区请办理组织关系转接，不能通过导入修改',
      columns: [{ key: 'header', header: '列', width: 18 }, { key: 'note', header: '说明', width: 70 }],
      rows: ROSTER_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, note: c.note })),
    });
    const base64 = await toBase64(wb);
    await audit(ctx, { fn: 'party', action: 'exportRoster', target: `partyMembers/export/${p.branchId ?? (scope ? scope.join(',') : 'all')}`, before: null, after: { rows: rows.length } });
    return { fileName: `党员花名册_${now.format('YYYYMMDD')}.xlsx`, base64, rows: rows.length, total, truncated: total > MAX_ROWS };
  },
});
