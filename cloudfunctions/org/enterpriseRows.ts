/**
 * Validation of enterprise rows read from an import file (pure: unit-tested without a database).
 * Columns are found by their header text, so a reordered template still imports. Industry,
 * qualifications and headcount obey the same vocabularies and limit as the 五清 ledger page and
 * policy matching (cloudfunctions/policy/terms.ts), so an imported enterprise holds nothing the
 * ledger itself could not have recorded.
 */
import * as z from 'zod';
import { INDUSTRIES, MAX_HEADCOUNT, QUALIFICATIONS } from '../policy/public';
import { canonicalName, enterpriseNameParam, HEADCOUNT_MESSAGE, HEADCOUNT_MIN, headcountParam, NAME_MAX, NAME_MIN } from './enterpriseLimits';
import type { LedgerPatch } from './ledgerFields';

/**
 * The template's columns: the first six as before (so older files still import), then the 五清
 * facts under the very headers the 五清 export (admin 企业台账（五清）, cloudfunctions/org/ledger.ts)
 * writes, so export → correct → re-import round-trips. The export's derived columns (营收规模、所在党组织、
 * 组建形式、党建指导员、组建形式核对、未建立原因、台账更新时间) are read-only and ignored on import.
 * A blank 五清 cell leaves that fact as it is on the ledger (0 / empty for a new enterprise).
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: '企业名称', aliases: [], required: true, note: `必填，${NAME_MIN}–${NAME_MAX} 字；括号全角半角、空格不影响匹配。有统一社会信用代码的按代码匹配已有企业，否则按名称` },
  { key: 'creditCode', header: '统一社会信用代码', aliases: [], required: false, note: '18 位，可不填；填写后以它识别企业（可借此更正企业名称）' },
  { key: 'industry', header: '所属行业', aliases: [], required: true, note: `必填，填以下之一：${INDUSTRIES.join('、')}` },
  { key: 'headcount', header: '从业人员', aliases: ['职工人数'], required: true, note: `必填，${HEADCOUNT_MIN}–${MAX_HEADCOUNT} 的整数` },
  { key: 'foundedAt', header: '成立日期', aliases: [], required: true, note: '必填，如 2019-05-20' },
  { key: 'qualifications', header: '资质荣誉', aliases: ['资质'], required: false, note: `可不填；多个用顿号分隔，每项为以下之一：${QUALIFICATIONS.join('、')}` },
  { key: 'building', header: '所在楼宇', aliases: [], required: false, note: '可不填，不超过 20 字' },
  { key: 'activists', header: '入党积极分子', aliases: [], required: false, note: '可不填，0 或正整数' },
  { key: 'applicants', header: '入党申请人', aliases: [], required: false, note: '可不填，0 或正整数' },
  { key: 'full', header: '正式党员', aliases: [], required: false, note: '可不填，0 或正整数' },
  { key: 'probationary', header: '预备党员', aliases: [], required: false, note: '可不填，0 或正整数' },
  { key: 'registeredInPark', header: '组织关系在园区', aliases: [], required: false, note: '可不填，0 或正整数，不多于党员总数' },
  { key: 'legalPerson', header: '法定代表人', aliases: [], required: false, note: '可不填，不超过 20 字' },
  { key: 'legalPersonMember', header: '法定代表人是否党员', aliases: [], required: false, note: '可不填，填“是”或“否”' },
  { key: 'investor', header: '主要出资人', aliases: [], required: false, note: '可不填，不超过 20 字' },
  { key: 'investorMember', header: '出资人是否党员', aliases: [], required: false, note: '可不填，填“是”或“否”' },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ImportKey, string>;

const text = (v: string) => v.trim();
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const intCell = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(v) ? Number(v) : v), z.number({ error: message }).int(message));
const countCell = z.preprocess(blankToUndefined, intCell('应为 0 或正整数').pipe(z.number().min(0, '应为 0 或正整数').max(10000, '不能超过 10000')).optional());
const personName = z.preprocess(blankToUndefined, z.string().transform(text).pipe(z.string().max(20, '不能超过 20 字')).optional());
const yesNo = z.preprocess(blankToUndefined, z.enum(['是', '否'], { error: '请填“是”或“否”' }).optional());

/**
 * One row, parsed with the same limits the ledger form uses (enterpriseLimits.ts). Every issue is
 * reported under its column's header (see `checkRows`).
 */
export function rowSchema(today: string) {
  return z.object({
    name: z.string().min(1, '不能为空').pipe(enterpriseNameParam),
    creditCode: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .refine((v) => !v || validCreditCode(v), '不正确（应为 18 位且校验位正确）'),
    industry: z.string().min(1, '不能为空').refine((v) => (INDUSTRIES as readonly string[]).includes(v), { error: (i) => `“${String(i.input).slice(0, 20)}”不在行业目录中（见“填写说明”）` }),
    headcount: z.string().min(1, '不能为空').transform((v) => (/^-?\d+(\.0+)?$/.test(v) ? Number(v) : NaN)).pipe(headcountParam),
    foundedAt: z
      .string()
      .min(1, '不能为空')
      .transform((v, c) => {
        const d = validDay(v);
        if (!d) c.addIssue({ code: 'custom', message: `“${v.slice(0, 20)}”不是有效日期（如 2019-05-20）` });
        else if (d > today) c.addIssue({ code: 'custom', message: '不能晚于今天' });
        return d ?? '';
      }),
    qualifications: z
      .string()
      .transform((v) => v.split(/[、,，;；\n]/).map((q) => q.trim()).filter(Boolean))
      .superRefine((qs, c) => {
        const unknown = qs.filter((q) => !(QUALIFICATIONS as readonly string[]).includes(q));
        if (unknown.length) c.addIssue({ code: 'custom', message: `“${unknown.join('、').slice(0, 30)}”不在资质目录中（见“填写说明”）` });
      }),
    building: z.preprocess(blankToUndefined, z.string().transform(text).pipe(z.string().max(20, '不能超过 20 字')).optional()),
    activists: countCell,
    applicants: countCell,
    full: countCell,
    probationary: countCell,
    registeredInPark: countCell,
    legalPerson: personName,
    legalPersonMember: yesNo,
    investor: personName,
    investorMember: yesNo,
  });
}

export type ParsedRow = z.output<ReturnType<typeof rowSchema>>;

export interface EnterpriseRow {
  rowNumber: number;
  /** Canonical spelling (enterpriseLimits.canonicalName). */
  name: string;
  creditCode: string | null;
  industry: string;
  headcount: number;
  foundedAt: string;
  qualifications: string[];
  /** The 五清 facts the row fills in, as a ledger patch (blank cells absent: left as they are). */
  facts: LedgerPatch;
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

/** The row's 五清 cells as a ledger patch: only what was filled in. */
function factsOf(p: ParsedRow): LedgerPatch {
  const facts: LedgerPatch = {};
  if (p.building !== undefined) facts.building = p.building;
  const wf = { activists: p.activists, applicants: p.applicants };
  if (Object.values(wf).some((v) => v !== undefined)) facts.workforce = JSON.parse(JSON.stringify(wf));
  const pm = { full: p.full, probationary: p.probationary, registeredInPark: p.registeredInPark };
  if (Object.values(pm).some((v) => v !== undefined)) facts.partyMembers = JSON.parse(JSON.stringify(pm));
  const person = (name: string | undefined, member: '是' | '否' | undefined) =>
    name === undefined && member === undefined ? undefined : JSON.parse(JSON.stringify({ name, isPartyMember: member === undefined ? undefined : member === '是' }));
  const lp = person(p.legalPerson, p.legalPersonMember);
  if (lp) facts.legalPerson = lp;
  const inv = person(p.investor, p.investorMember);
  if (inv) facts.investor = inv;
  return facts;
}

/**
 * Finds the header row (the one holding 企业名称 within the first 5 rows) and checks every row
 * after it with `rowSchema`. Every rejected row comes back with its Excel row number and every
 * reason at once, each naming its column (「从业人员」应为 …), so a clerk fixes the file in one pass.
 * Two rows naming the same enterprise (same canonical name or same credit code) are refused.
 * Blank rows are skipped silently.
 */
export function checkRows(sheet: { rowNumber: number; cells: string[] }[], today: string): { valid: EnterpriseRow[]; rejected: Rejected[]; missingHeaders: string[] } {
  const headerIdx = sheet.slice(0, 5).findIndex((r) => r.cells.some((c) => c.replace(/[*＊\s]/g, '') === '企业名称'));
  const required = IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.header);
  if (headerIdx < 0) return { valid: [], rejected: [], missingHeaders: required };
  const header = sheet[headerIdx].cells.map((c) => c.replace(/[*＊\s]/g, ''));
  const pos = {} as Record<ImportKey, number>;
  const missingHeaders: string[] = [];
  for (const c of IMPORT_COLUMNS) {
    pos[c.key] = [c.header, ...c.aliases].map((h) => header.indexOf(h)).find((i) => i >= 0) ?? -1;
    if (pos[c.key] < 0 && c.required) missingHeaders.push(c.header);
  }
  if (missingHeaders.length) return { valid: [], rejected: [], missingHeaders };

  const schema = rowSchema(today);
  const valid: EnterpriseRow[] = [];
  const rejected: Rejected[] = [];
  const seenName = new Map<string, number>();
  const seenCode = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.slice(headerIdx + 1)) {
    if (cells.every((c) => !c.trim())) continue;
    const raw = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, pos[c.key] >= 0 ? (cells[pos[c.key]] ?? '').trim() : '']));
    const parsed = schema.safeParse(raw);
    const reasons = parsed.success ? [] : parsed.error.issues.map((i) => {
      // Messages shared with the form already start with the field's name (企业名称不能超过 40 字).
      const h = HEADER_OF[i.path[0] as ImportKey] ?? String(i.path[0]);
      return `「${h}」${i.message.startsWith(h) ? i.message.slice(h.length) : i.message}`;
    });
    const name = parsed.success ? parsed.data.name : canonicalName(raw.name);
    const code = parsed.success ? parsed.data.creditCode : '';
    const dupName = seenName.get(name);
    const dupCode = code ? seenCode.get(code) : undefined;
    if (name && dupName !== undefined) reasons.push(`与第 ${dupName} 行是同一家企业（企业名称相同）`);
    else if (dupCode !== undefined) reasons.push(`与第 ${dupCode} 行是同一家企业（统一社会信用代码相同）`);
    if (name && dupName === undefined) seenName.set(name, rowNumber);
    if (code && dupCode === undefined) seenCode.set(code, rowNumber);
    if (reasons.length || !parsed.success) rejected.push({ rowNumber, name, reason: reasons.join('；') });
    else {
      const p = parsed.data;
      valid.push({ rowNumber, name: p.name, creditCode: p.creditCode || null, industry: p.industry, headcount: p.headcount, foundedAt: p.foundedAt, qualifications: p.qualifications, facts: factsOf(p) });
    }
  }
  return { valid, rejected, missingHeaders };
}
