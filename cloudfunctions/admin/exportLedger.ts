import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { findLedger, MAX_ROWS, readAll } from './ledgerRegistry';
import { addLedgerSheet, newWorkbook, toBase64 } from './excel';
import { period, periodParams } from './shared';

/** A reply carries at most ~6 MB; the base64 file must leave room for the envelope. */
const MAX_BASE64 = 5_000_000;

/**
 * One ledger of the period as an .xlsx file, base64 in the reply (CloudBase function replies are
 * limited to about 6 MB: rows are capped at MAX_ROWS and the sheet says when it was cut).
 * Exports are recorded in the audit log: they take personal data out of the system.
 */
export const exportLedger = action({
  roles: ['admin'],
  params: z.strictObject({ key: z.string().trim().min(1).max(40), ...periodParams }),
  async handler(p, ctx) {
    const ledger = findLedger(p.key);
    if (!ledger) throw new AppError('NOT_FOUND', '没有这个台账，请返回后刷新。');
    const r = period(p);
    const [{ rows, total, truncated }, summary] = await Promise.all([readAll(ledger, r), ledger.summary ? ledger.summary(r) : null]);
    const wb = newWorkbook();
    const notes = [
      ledger.periodic ? `统计期间：${r.from} 至 ${r.to}` : `截至 ${inPark(new Date()).format('YYYY-MM-DD')}`,
      `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}`,
      `共 ${total} 条`,
      truncated ? `仅含前 ${MAX_ROWS} 条，请缩短统计期间分次导出` : '',
    ].filter(Boolean);
    addLedgerSheet(wb, { sheet: ledger.title, title: ledger.title, subtitle: notes.join('　'), columns: ledger.columns, rows });
    if (summary) addLedgerSheet(wb, { sheet: summary.sheet, title: summary.title, subtitle: [notes[0], notes[1], summary.note].join('　'), columns: summary.columns, rows: summary.rows });
    const base64 = await toBase64(wb);
    if (base64.length > MAX_BASE64) throw new AppError('VALIDATION', '文件过大，请缩短统计期间后分次导出。');
    const fileName = `${ledger.title}_${ledger.periodic ? `${r.from}_${r.to}` : inPark(new Date()).format('YYYYMMDD')}.xlsx`;
    await audit(ctx, { fn: 'admin', action: 'exportLedger', target: `ledgers/${ledger.key}`, before: null, after: { from: r.from, to: r.to, rows: rows.length } });
    return { fileName, base64, rows: rows.length, total, truncated };
  },
});
