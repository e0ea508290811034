import * as z from 'zod';
import { action } from '../../server/core/router';
import { newWorkbook, toBase64 } from './excel';
import { IMPORT_COLUMNS } from '../org/public';

/** The enterprise import template: a title row with the rules, the header row, and a notes sheet. */
export const importTemplate = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const wb = newWorkbook();
    const ws = wb.addWorksheet('企业信息');
    ws.getRow(1).values = ['企业信息导入模板：从第 3 行起每行一家企业，带 * 为必填；有统一社会信用代码的按代码、否则按企业名称（括号全角半角不计）更新已有企业；列与“企业台账（五清）”导出相同，可导出修改后再导入。'];
    ws.mergeCells(1, 1, 1, IMPORT_COLUMNS.length);
    ws.getRow(1).font = { bold: true };
    ws.getRow(2).values = IMPORT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header));
    ws.getRow(2).font = { bold: true };
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 30 : 20));
    // Dates and codes typed as text keep their leading zeros and exact form.
    for (let i = 1; i <= IMPORT_COLUMNS.length; i++) ws.getColumn(i).numFmt = '@';
    const notes = wb.addWorksheet('填写说明');
    notes.addRow(['列', '说明']);
    for (const c of IMPORT_COLUMNS) notes.addRow([c.header, c.note]);
    notes.getColumn(1).width = 20;
    notes.getColumn(2).width = 60;
    return { fileName: '企业信息导入模板.xlsx', base64: await toBase64(wb) };
  },
});
