/**
 * Pure helpers of the org pages (no Taro, unit-tested): rates as percentages, stars, quarter
 * navigation, and the ledger form (text fields → the patch `org.updateEnterprise` takes).
 * Rule checks, suggestions and figures come from the server; the app only shows them.
 */

/** 0.7857 → '78.6%' */
export function pct(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** 4 of 5 → '★★★★☆' */
export function starText(stars: number, of = 5): string {
  const n = Math.max(0, Math.min(of, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(of - n);
}

/** '2026Q4' shifted by `n` quarters (negative: earlier). */
export function shiftQuarter(quarter: string, n: number): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/** The last `count` quarters up to `quarter`, newest first. */
export function recentQuarters(quarter: string, count = 4): string[] {
  return Array.from({ length: count }, (_, i) => shiftQuarter(quarter, -i));
}

export const FORM_TONE: Record<string, 'active' | 'done' | 'wait' | 'gold'> = {
  单独组建: 'done',
  联合组建: 'active',
  挂靠组建: 'wait',
  派驻: 'gold',
};

/** The facts of a ledger entry, as `org.getEnterprise` sends them (type only: nothing of server/ is bundled). */
export type { LedgerFacts } from '../../cloudfunctions/org/ledgerFields';
import type { LedgerFacts } from '../../cloudfunctions/org/ledgerFields';

/**
 * 未建立原因 choices: the app's copy of cloudfunctions/org/rules.ts NO_ORG_REASONS (values may not be
 * imported from the server into the app; org.test.ts holds the two equal).
 */
export const NO_ORG_REASONS = ['党员不足3名', '新设立企业', '空壳或停业', '其他'] as const;

/** The edit form keeps numbers as typed text. */
export interface LedgerForm {
  name: string;
  industry: string;
  building: string;
  foundedAt: string;
  headcount: string;
  /** 上年度营业收入（万元）; empty = not reported. */
  annualRevenueWan: string;
  qualifications: string[];
  activists: string;
  applicants: string;
  full: string;
  probationary: string;
  registeredInPark: string;
  legalName: string;
  legalParty: boolean;
  investorName: string;
  investorParty: boolean;
  /** 未建立原因: '' = not filled in. */
  noOrgKind: string;
  noOrgNote: string;
}

export function toForm(f: LedgerFacts): LedgerForm {
  return {
    name: f.name, industry: f.industry, building: f.building, foundedAt: f.foundedAt, headcount: String(f.headcount), annualRevenueWan: f.annualRevenueWan === null ? '' : String(f.annualRevenueWan),
    qualifications: [...f.qualifications], activists: String(f.workforce.activists), applicants: String(f.workforce.applicants),
    full: String(f.partyMembers.full), probationary: String(f.partyMembers.probationary), registeredInPark: String(f.partyMembers.registeredInPark),
    legalName: f.legalPerson.name, legalParty: f.legalPerson.isPartyMember, investorName: f.investor.name, investorParty: f.investor.isPartyMember,
    noOrgKind: f.noOrgReason.kind ?? '', noOrgNote: f.noOrgReason.note,
  };
}

const NUMBER_LABEL: Record<string, string> = {
  headcount: '从业人员', activists: '入党积极分子', applicants: '入党申请人', full: '正式党员', probationary: '预备党员', registeredInPark: '组织关系在园区',
};

/**
 * Form → the fields that differ from `before` (the server logs each one), or the first problem.
 * Nested facts are sent whole, as the server expects.
 */
export function ledgerPatch(before: LedgerFacts, f: LedgerForm, canEditName: boolean): { patch?: Record<string, unknown>; error?: string } {
  const nums: Record<string, number> = {};
  for (const key of Object.keys(NUMBER_LABEL)) {
    const raw = (f as unknown as Record<string, string>)[key].trim();
    if (!/^\d{1,6}$/.test(raw)) return { error: `${NUMBER_LABEL[key]}请填写整数` };
    nums[key] = Number(raw);
  }
  const revenueText = f.annualRevenueWan.trim();
  if (revenueText && !/^\d{1,9}(\.\d{1,2})?$/.test(revenueText)) return { error: '年营业收入请填写数字（万元）' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.foundedAt.trim())) return { error: '成立日期格式应为 2015-04-18' };
  if (!f.industry.trim()) return { error: '请填写所属行业' };
  if (f.noOrgKind === '其他' && !f.noOrgNote.trim()) return { error: '未建立原因选“其他”时，请填写具体说明' };
  if (canEditName && f.name.trim().length < 2) return { error: '请填写企业全称' };
  const after: LedgerFacts = {
    name: f.name.trim(), industry: f.industry.trim(), building: f.building.trim(), foundedAt: f.foundedAt.trim(), headcount: nums.headcount,
    annualRevenueWan: revenueText ? Number(revenueText) : null, qualifications: f.qualifications,
    workforce: { activists: nums.activists, applicants: nums.applicants },
    partyMembers: { full: nums.full, probationary: nums.probationary, registeredInPark: nums.registeredInPark },
    legalPerson: { name: f.legalName.trim(), isPartyMember: f.legalParty },
    investor: { name: f.investorName.trim(), isPartyMember: f.investorParty },
    noOrgReason: { kind: (f.noOrgKind || null) as LedgerFacts['noOrgReason']['kind'], note: f.noOrgKind ? f.noOrgNote.trim() : '' },
  };
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof LedgerFacts)[]) {
    if (key === 'name' && !canEditName) continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return { patch };
}

/** A change-log value as text. */
export function changeText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.join('、') : '（无）';
  return String(v);
}

/** '2026Q4': the park quarter of an instant (UTC+8, as every park date in the app). */
export function quarterOfInstant(at: number = Date.now()): string {
  const d = new Date(at + 8 * 3600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** '2026年第四季度' */
export function quarterName(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : quarter;
}

/** Names typed in one box, separated by commas, 顿号, semicolons or new lines (a space stays: '园区团委 王晓'). */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\n]+/).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean))].map((s) => s.slice(0, 20));
}

/** A meeting recorded now: today, from the current half hour for 90 minutes (not past midnight). */
export function defaultMeetingTimes(now: number = Date.now()): { day: string; start: string; end: string } {
  const d = new Date(now + 8 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const startMin = d.getUTCHours() * 60 + (d.getUTCMinutes() >= 30 ? 30 : 0);
  const endMin = Math.min(startMin + 90, 23 * 60 + 59);
  const hm = (m: number) => `${two(Math.floor(m / 60))}:${two(m % 60)}`;
  return { day: `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`, start: hm(startMin), end: hm(endMin) };
}

/** One row of the 三会一课 item's table: a kind's rule and its required / held / missing count. */
export interface KindRow {
  kind: string;
  rule: string;
  required: number;
  held: number;
  /** Of those held, how many count month by month, when fewer (four in one month count once). */
  counted: number | null;
  missing: number;
}

/**
 * The 三会一课 / 主题党日 item's detail, 「支委会 每月 1 次：应开 3 次，已开 4 次（按月计 1 次），缺 2 次；党课 …」, as table rows.
 * Null when any line does not read that way (an older rating's wording, or another item's detail):
 * the page then shows the text as it is rather than a half table.
 */
export function kindTable(detail: string): KindRow[] | null {
  const lines = detail.split('；').map((s) => s.trim()).filter(Boolean);
  if (lines.length === 0) return null;
  const rows: KindRow[] = [];
  for (const line of lines) {
    const m = /^(\S+)\s+(每月|每季度)\s*(\d+)\s*次：应开\s*(\d+)\s*次，已开\s*(\d+)\s*次(?:（按月计\s*(\d+)\s*次）)?，缺\s*(\d+)\s*次$/.exec(line);
    if (!m) return null;
    rows.push({ kind: m[1], rule: `${m[2]} ${m[3]} 次`, required: Number(m[4]), held: Number(m[5]), counted: m[6] == null ? null : Number(m[6]), missing: Number(m[7]) });
  }
  return rows;
}

export type OrgLifeKind = '支部党员大会' | '支委会' | '党小组会' | '党课' | '主题党日' | '民主生活会' | '组织生活会';
export const ORG_LIFE_KINDS: OrgLifeKind[] = ['支部党员大会', '支委会', '党小组会', '党课', '主题党日', '民主生活会', '组织生活会'];

/** The rule editor keeps the minimum as typed text. */
export interface RuleDraft {
  kind: OrgLifeKind;
  per: 'month' | 'quarter';
  min: string;
}

/** The rule editor's rows → what `org.updateOrgLifeRules` takes, or the first problem (one sentence). */
export function rulesFromDraft(rows: readonly RuleDraft[]): { rules?: { kind: OrgLifeKind; per: 'month' | 'quarter'; min: number }[]; error?: string } {
  const rules = [];
  for (const r of rows) {
    const t = r.min.trim();
    if (!/^\d{1,2}$/.test(t) || Number(t) > 10) return { error: `${r.kind}的次数请填写 0–10 的整数` };
    rules.push({ kind: r.kind, per: r.per, min: Number(t) });
  }
  if (rules.length === 0) return { error: '请至少保留一条规则' };
  return { rules };
}

/** Why a record waits for 核实, in the words of the 核实 list. */
export function pendingReasonText(reason: 'late' | 'edited' | null | undefined): string {
  return reason === 'late' ? '会后 7 天以上补录' : reason === 'edited' ? '会后修改了记录' : '待核实';
}

/** What the secretary may still do with a record: edit and withdraw while it is live and its quarter is not finalised. */
export function recordActions(r: { state: string }, locked: boolean): { canEdit: boolean; reason: string } {
  if (r.state === 'withdrawn') return { canEdit: false, reason: '该记录已撤回，不再计入星级评定。' };
  if (locked) return { canEdit: false, reason: '该季度星级已定级，本季度的记录已锁定。' };
  return { canEdit: true, reason: '' };
}
