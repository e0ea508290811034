/**
 * Excel files for the admin console (exceljs; only the `admin` function bundles it).
 *
 * Only exceljs's in-memory Workbook is imported (`exceljs/lib/doc/workbook`): its streaming
 * reader/writer and CSV support pull in unzipper, archiver and fast-csv, about 750 KB of a
 * function bundle we do not need (scripts/build-functions.ts stubs those).
 *
 * Dates are written as Excel dates showing park time (Asia/Shanghai): Excel has no time
 * zones, so the instant is shifted by the park's offset and given a date format — the
 * sheet reads the same wherever it is opened, and still sorts and filters as dates.
 */
import type { Workbook as WorkbookType, Worksheet } from 'exceljs';
import { inPark } from '../../server/core/time';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Workbook: typeof WorkbookType = require('exceljs/lib/doc/workbook');

export type { Column, ColumnType, Row } from '../../server/core/ledger';
import type { Column, ColumnType, Row } from '../../server/core/ledger';

/** The instant as an Excel date that shows park wall-clock time. */
export function excelDate(d: Date | string | number): Date {
  const p = inPark(d);
  return new Date(Date.UTC(p.year(), p.month(), p.date(), p.hour(), p.minute(), p.second()));
}

function cellValue(type: ColumnType, v: unknown): unknown {
  if (v === null || v === undefined || v === '') return null;
  if (type === 'day' || type === 'datetime') {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v; // already a park day
    const d = v instanceof Date ? v : new Date(v as string);
    return Number.isNaN(d.getTime()) ? String(v) : excelDate(d);
  }
  if (type === 'number' || type === 'percent') return typeof v === 'number' ? v : Number(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

/**
 * One sheet: a title row (merged), a subtitle row (period, time of export, notes), the Chinese
 * header row (row 3, frozen) and the data from row 4.
 */
export function addLedgerSheet(wb: WorkbookType, opts: { sheet: string; title: string; subtitle: string; columns: Column[]; rows: Row[] }): Worksheet {
  const ws = wb.addWorksheet(opts.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 3 }] });
  const n = Math.max(1, opts.columns.length);
  ws.columns = opts.columns.map((c) => ({
    key: c.key,
    width: c.width ?? (c.type === 'datetime' ? 18 : c.type === 'day' ? 12 : 16),
    style: c.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.type === 'day' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'percent' ? { numFmt: '0.0%' } : {},
  }));
  ws.getRow(1).values = [opts.title];
  ws.mergeCells(1, 1, 1, n);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.getRow(2).values = [opts.subtitle];
  ws.mergeCells(2, 1, 2, n);
  ws.getRow(2).font = { size: 10, color: { argb: 'FF666666' } };
  const header = ws.getRow(3);
  header.values = opts.columns.map((c) => c.header);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4E3E3' } };
  for (const r of opts.rows) {
    ws.addRow(opts.columns.map((c) => cellValue(c.type ?? 'text', r[c.key])));
  }
  return ws;
}

export function newWorkbook(): WorkbookType {
  const wb = new Workbook();
  wb.creator = '红色园区';
  wb.created = new Date();
  return wb;
}

export async function toBase64(wb: WorkbookType): Promise<string> {
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer).toString('base64');
}

/** A readable cell as text: rich text, formulas' results, hyperlinks and dates flattened. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return parkDayOfExcel(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('').trim();
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text.trim();
    return '';
  }
  return String(v).trim();
}

/** exceljs reads a date cell as the UTC instant of its wall-clock value: that day, as written. */
function parkDayOfExcel(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Reads the first sheet of an .xlsx file: every row's cells as text, with its Excel row number. */
export async function readFirstSheet(buf: Buffer): Promise<{ rowNumber: number; cells: string[] }[]> {
  const wb = new Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: { rowNumber: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    out.push({ rowNumber, cells: values.slice(1).map(cellText) });
  });
  return out;
}

