/**
 * Forms of the policy pages as plain functions (tested without Taro): the enterprise's matching
 * profile and the admin's policy editor. Rules mirror the server's zod schemas
 * (cloudfunctions/policy/updateMyProfile.ts, upsertPolicy.ts), checked before sending so each
 * field shows its own sentence.
 */
import type { Industry, PolicyCategory, PolicyLevel, Qualification } from '../../cloudfunctions/policy/terms';
import type { Range } from '../../cloudfunctions/policy/matching';
import type { PolicyDoc } from '../../cloudfunctions/policy/docs';
import type { Params } from '../api/client';

/** The structured conditions as `policy.upsertPolicy` takes them (closed lists, not free text). */
type CriteriaParams = NonNullable<Params<'policy', 'upsertPolicy'>['criteria']>;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const isDay = (s: string) => DAY.test(s.trim());

// ---------- enterprise matching profile ----------

export interface ProfileFormValues {
  industry: Industry | '';
  headcount: string;
  annualRevenueWan: string;
  foundedAt: string;
  settledAt: string;
  qualifications: Qualification[];
}

export interface MatchingProfile {
  industry: string;
  headcount: number | null;
  annualRevenueWan: number | null;
  foundedAt: string | null;
  settledAt: string | null;
  qualifications: readonly string[];
}

export function profileToForm(p: MatchingProfile): ProfileFormValues {
  return {
    industry: (p.industry as Industry) || '',
    headcount: p.headcount === null ? '' : String(p.headcount),
    annualRevenueWan: p.annualRevenueWan === null ? '' : String(p.annualRevenueWan),
    foundedAt: p.foundedAt ?? '',
    settledAt: p.settledAt ?? '',
    qualifications: [...p.qualifications] as Qualification[],
  };
}

export type ProfileFormErrors = Partial<Record<keyof ProfileFormValues, string>>;

export function validateProfileForm(f: ProfileFormValues, today: string): ProfileFormErrors {
  const e: ProfileFormErrors = {};
  if (!f.industry) e.industry = '请选择所属行业';
  if (f.headcount.trim() && !/^\d{1,7}$/.test(f.headcount.trim())) e.headcount = '请填写整数人数';
  if (f.annualRevenueWan.trim() && !/^\d{1,9}(\.\d{1,2})?$/.test(f.annualRevenueWan.trim())) e.annualRevenueWan = '请填写金额（万元），最多两位小数';
  if (f.foundedAt.trim() && !isDay(f.foundedAt)) e.foundedAt = '请按 2019-09-02 的格式填写';
  else if (f.foundedAt.trim() > today) e.foundedAt = '成立日期不能晚于今天';
  if (f.settledAt.trim() && !isDay(f.settledAt)) e.settledAt = '请按 2019-10-15 的格式填写';
  else if (f.settledAt.trim() > today) e.settledAt = '入园日期不能晚于今天';
  return e;
}

/** Only what changed, in the server's shape (empty revenue/入园日期 clear the value). */
export function profilePatch(before: MatchingProfile, f: ProfileFormValues) {
  const patch: {
    industry?: Industry;
    headcount?: number;
    annualRevenueWan?: number | null;
    foundedAt?: string;
    settledAt?: string | null;
    qualifications?: Qualification[];
  } = {};
  if (f.industry && f.industry !== before.industry) patch.industry = f.industry;
  const hc = f.headcount.trim() === '' ? null : Number(f.headcount);
  if (hc !== null && hc !== before.headcount) patch.headcount = hc;
  const rev = f.annualRevenueWan.trim() === '' ? null : Number(f.annualRevenueWan);
  if (rev !== before.annualRevenueWan) patch.annualRevenueWan = rev;
  if (f.foundedAt.trim() && f.foundedAt.trim() !== before.foundedAt) patch.foundedAt = f.foundedAt.trim();
  const settled = f.settledAt.trim() || null;
  if (settled !== before.settledAt) patch.settledAt = settled;
  const q = [...f.qualifications].sort();
  if (q.join('|') !== [...before.qualifications].sort().join('|')) patch.qualifications = f.qualifications;
  return patch;
}

// ---------- admin policy editor ----------

export interface PolicyFormValues {
  title: string;
  issuer: string;
  docNo: string;
  level: PolicyLevel | '';
  category: PolicyCategory | '';
  summary: string;
  benefits: string;
  conditions: string;
  applyFrom: string;
  applyTo: string;
  issuedAt: string;
  sourceUrl: string;
  industries: Industry[];
  headcountMin: string;
  headcountMax: string;
  revenueMin: string;
  revenueMax: string;
  yearsMin: string;
  yearsMax: string;
  qualificationsAll: Qualification[];
  qualificationsAny: Qualification[];
  settledWithinYears: string;
}

export const EMPTY_POLICY_FORM: PolicyFormValues = {
  title: '', issuer: '', docNo: '', level: '', category: '', summary: '', benefits: '', conditions: '',
  applyFrom: '', applyTo: '', issuedAt: '', sourceUrl: '', industries: [], headcountMin: '', headcountMax: '',
  revenueMin: '', revenueMax: '', yearsMin: '', yearsMax: '', qualificationsAll: [], qualificationsAny: [], settledWithinYears: '',
};

/** A policy as `policy.get` returns it (the fields the editor reads). */
export type StoredPolicy = Omit<PolicyDoc, 'createdAt' | 'updatedAt' | 'updatedBy'>;

const num = (n: number | undefined) => (n === undefined ? '' : String(n));

export function policyToForm(p: StoredPolicy): PolicyFormValues {
  const c = p.criteria ?? {};
  return {
    title: p.title, issuer: p.issuer, docNo: p.docNo ?? '', level: p.level, category: p.category, summary: p.summary,
    benefits: p.benefits, conditions: p.conditions ?? '', applyFrom: p.applyFrom ?? '', applyTo: p.applyTo ?? '',
    issuedAt: p.issuedAt, sourceUrl: p.sourceUrl ?? '',
    industries: (c.industries ?? []) as Industry[],
    headcountMin: num(c.headcount?.min), headcountMax: num(c.headcount?.max),
    revenueMin: num(c.revenueWan?.min), revenueMax: num(c.revenueWan?.max),
    yearsMin: num(c.yearsFounded?.min), yearsMax: num(c.yearsFounded?.max),
    qualificationsAll: (c.qualificationsAll ?? []) as Qualification[],
    qualificationsAny: (c.qualificationsAny ?? []) as Qualification[],
    settledWithinYears: num(c.settledWithinYears),
  };
}

export type PolicyFormErrors = Partial<Record<keyof PolicyFormValues, string>>;

const NUM = /^\d{1,9}(\.\d{1,2})?$/;

export function validatePolicyForm(f: PolicyFormValues): PolicyFormErrors {
  const e: PolicyFormErrors = {};
  const len = (k: keyof PolicyFormValues, min: number, max: number, what: string) => {
    const v = String(f[k]).trim();
    if (v.length < min) e[k] = min <= 1 ? `请填写${what}` : `${what}至少 ${min} 个字`;
    else if (v.length > max) e[k] = `${what}不超过 ${max} 个字`;
  };
  len('title', 4, 60, '政策名称');
  len('issuer', 2, 40, '发文单位');
  len('summary', 10, 200, '政策概要');
  len('benefits', 4, 1000, '支持内容');
  if (f.docNo.trim().length > 40) e.docNo = '文号不超过 40 个字';
  if (f.conditions.trim().length > 1000) e.conditions = '申报条件不超过 1000 个字';
  if (!f.level) e.level = '请选择政策层级';
  if (!f.category) e.category = '请选择政策类别';
  if (!isDay(f.issuedAt)) e.issuedAt = '请按 2026-01-31 的格式填写发布日期';
  if (f.applyFrom.trim() && !isDay(f.applyFrom)) e.applyFrom = '请按 2026-01-31 的格式填写';
  if (f.applyTo.trim() && !isDay(f.applyTo)) e.applyTo = '请按 2026-12-31 的格式填写';
  if (!e.applyFrom && !e.applyTo && f.applyFrom.trim() && f.applyTo.trim() && f.applyFrom.trim() > f.applyTo.trim()) e.applyTo = '截止日期不能早于开始日期';
  if (f.sourceUrl.trim() && !/^https?:\/\/\S+$/.test(f.sourceUrl.trim())) e.sourceUrl = '请填写以 http(s):// 开头的原文链接';
  const pairs: Array<[keyof PolicyFormValues, keyof PolicyFormValues]> = [['headcountMin', 'headcountMax'], ['revenueMin', 'revenueMax'], ['yearsMin', 'yearsMax']];
  for (const [lo, hi] of pairs) {
    for (const k of [lo, hi]) if (String(f[k]).trim() && !NUM.test(String(f[k]).trim())) e[k] = '请填写数字';
    if (!e[lo] && !e[hi] && String(f[lo]).trim() && String(f[hi]).trim() && Number(f[lo]) > Number(f[hi])) e[hi] = '上限不能小于下限';
  }
  if (f.settledWithinYears.trim() && !/^([1-9]|[1-4]\d|50)$/.test(f.settledWithinYears.trim())) e.settledWithinYears = '请填写 1–50 的整数年数';
  return e;
}

/** The form as `policy.upsertPolicy` params: empty fields are no condition. */
export function policyParams(f: PolicyFormValues) {
  const n = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const range = (lo: string, hi: string): Range | undefined => {
    const r: Range = {};
    if (n(lo) !== undefined) r.min = n(lo);
    if (n(hi) !== undefined) r.max = n(hi);
    return r.min === undefined && r.max === undefined ? undefined : r;
  };
  const criteria: CriteriaParams = {};
  if (f.industries.length) criteria.industries = f.industries;
  const hc = range(f.headcountMin, f.headcountMax);
  if (hc) criteria.headcount = hc;
  const rev = range(f.revenueMin, f.revenueMax);
  if (rev) criteria.revenueWan = rev;
  const yrs = range(f.yearsMin, f.yearsMax);
  if (yrs) criteria.yearsFounded = yrs;
  if (f.qualificationsAll.length) criteria.qualificationsAll = f.qualificationsAll;
  if (f.qualificationsAny.length) criteria.qualificationsAny = f.qualificationsAny;
  if (n(f.settledWithinYears) !== undefined) criteria.settledWithinYears = n(f.settledWithinYears);
  return {
    title: f.title.trim(),
    issuer: f.issuer.trim(),
    docNo: f.docNo.trim(),
    level: f.level as PolicyLevel,
    category: f.category as PolicyCategory,
    summary: f.summary.trim(),
    benefits: f.benefits.trim(),
    conditions: f.conditions.trim(),
    applyFrom: f.applyFrom.trim() || null,
    applyTo: f.applyTo.trim() || null,
    issuedAt: f.issuedAt.trim(),
    sourceUrl: f.sourceUrl.trim(),
    criteria,
  };
}
