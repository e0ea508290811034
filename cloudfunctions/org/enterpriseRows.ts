/**
 * Validation of enterprise rows read from an import file (pure: unit-tested without a database).
 * Columns are found by their header text, so a reordered template still imports. Industry,
 * qualifications and headcount obey the same vocabularies and limit as the 五清 ledger page and
 * policy matching (cloudfunctions/policy/terms.ts), so an imported enterprise holds nothing the
 * ledger itself could not have recorded.
 */
import { INDUSTRIES, MAX_HEADCOUNT, QUALIFICATIONS } from '../policy/public';

export const IMPORT_COLUMNS = [
  { key: 'name', header: '企业名称', required: true, note: '必填，不超过 60 字；已有同名企业时更新该企业' },
  { key: 'creditCode', header: '统一社会信用代码', required: false, note: '18 位，可不填' },
  { key: 'industry', header: '所属行业', required: true, note: `必填，填以下之一：${INDUSTRIES.join('、')}` },
  { key: 'headcount', header: '职工人数', required: true, note: '必填，0 或正整数' },
  { key: 'foundedAt', header: '成立日期', required: true, note: '必填，如 2019-05-20' },
  { key: 'qualifications', header: '资质', required: false, note: `可不填；多个用顿号分隔，每项为以下之一：${QUALIFICATIONS.join('、')}` },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

export interface EnterpriseRow {
  rowNumber: number;
  name: string;
  creditCode: string | null;
  industry: string;
  headcount: number;
  foundedAt: string;
  qualifications: string[];
}

export interface Rejected {
  rowNumber: number;
  name: string;
  reason: string;
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character. */
export function validCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CODE_CHARS.indexOf(code[i]) * CODE_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return CODE_CHARS[check] === code[17];
}

function validDay(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Finds the header row (the one holding 企业名称 within the first 5 rows) and checks every row
 * after it. Every rejected row comes back with its Excel row number and every reason at once,
 * so a clerk fixes the file in one pass. Blank rows are skipped silently.
 */
export function checkRows(sheet: { rowNumber: number; cells: string[] }[], today: string): { valid: EnterpriseRow[]; rejected: Rejected[]; missingHeaders: string[] } {
  const headerIdx = sheet.slice(0, 5).findIndex((r) => r.cells.some((c) => c.replace(/\*/g, '').trim() === '企业名称'));
  if (headerIdx < 0) return { valid: [], rejected: [], missingHeaders: IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header) };
  const header = sheet[headerIdx].cells.map((c) => c.replace(/[*＊\s]/g, ''));
  const pos = {} as Record<ImportKey, number>;
  const missingHeaders: string[] = [];
  for (const c of IMPORT_COLUMNS) {
    pos[c.key] = header.indexOf(c.header);
    if (pos[c.key] < 0 && c.required) missingHeaders.push(c.header);
  }
  if (missingHeaders.length) return { valid: [], rejected: [], missingHeaders };

  const valid: EnterpriseRow[] = [];
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  const get = (cells: string[], k: ImportKey) => (pos[k] >= 0 ? (cells[pos[k]] ?? '').trim() : '');
  for (const { rowNumber, cells } of sheet.slice(headerIdx + 1)) {
    if (cells.every((c) => !c.trim())) continue;
    const reasons: string[] = [];
    const name = get(cells, 'name').replace(/\s+/g, ' ');
    if (!name) reasons.push('企业名称不能为空');
    else if (name.length > 60) reasons.push('企业名称超过 60 字');
    else if (seen.has(name)) reasons.push(`与第 ${seen.get(name)} 行企业名称重复`);
    const creditCode = get(cells, 'creditCode').toUpperCase();
    if (creditCode && !validCreditCode(creditCode)) reasons.push('统一社会信用代码不正确（应为 18 位且校验位正确）');
    const industry = get(cells, 'industry');
    if (!industry) reasons.push('所属行业不能为空');
    else if (!(INDUSTRIES as readonly string[]).includes(industry)) reasons.push(`所属行业“${industry.slice(0, 20)}”不在行业目录中（见“填写说明”）`);
    const hc = get(cells, 'headcount');
    const headcount = Number(hc);
    if (!hc) reasons.push('职工人数不能为空');
    else if (!Number.isInteger(headcount) || headcount < 0 || headcount > MAX_HEADCOUNT) reasons.push(`职工人数“${hc.slice(0, 10)}”应为 0 或正整数`);
    const fd = get(cells, 'foundedAt');
    const foundedAt = fd ? validDay(fd) : null;
    if (!fd) reasons.push('成立日期不能为空');
    else if (!foundedAt) reasons.push(`成立日期“${fd.slice(0, 20)}”不是有效日期（如 2019-05-20）`);
    else if (foundedAt > today) reasons.push('成立日期不能晚于今天');
    const qualifications = get(cells, 'qualifications')
      .split(/[、,，;；\n]/)
      .map((q) => q.trim())
      .filter(Boolean);
    const unknown = qualifications.filter((q) => !(QUALIFICATIONS as readonly string[]).includes(q));
    if (unknown.length) reasons.push(`资质“${unknown.join('、').slice(0, 30)}”不在资质目录中（见“填写说明”）`);

    if (name && !seen.has(name)) seen.set(name, rowNumber);
    if (reasons.length) rejected.push({ rowNumber, name, reason: reasons.join('；') });
    else valid.push({ rowNumber, name, creditCode: creditCode || null, industry, headcount, foundedAt: foundedAt!, qualifications });
  }
  return { valid, rejected, missingHeaders };
}
