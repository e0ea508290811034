/**
 * 政策找企业: which policies an enterprise matches from its own profile, why, and what is missing.
 *
 * Pure (no database, no clock: `today` is a park day 'YYYY-MM-DD' passed in), so it is tested on a
 * table of enterprises × policies and the same function serves `policy.match` and `policy.get`.
 *
 * Each structured condition of a policy is checked on its own and lands in one of three lists:
 *   met      — holds, with the enterprise's own figure as the reason ("员工 88 人（不少于 10 人）");
 *   gaps     — does not hold yet but the enterprise can close it: a 认定 it can apply for, a size or
 *              age it can grow into, or a profile figure it has not filled in ("高新技术企业认定");
 *   blockers — cannot be closed by the enterprise (wrong industry, already too large or too old).
 * Verdict: everything met → 'match'; no blocker and at most MAX_GAPS gaps → 'near' (a near miss the
 * page shows as "还差：…"); otherwise 'none'. A shortfall is a gap only when it is close: a figure at
 * least NEAR_RATIO of the minimum (27 of 30 staff), an anniversary within the coming year; 88 of 200
 * staff is a different enterprise, not a near miss, and is a blocker. Unknown figures count as gaps, never as met, so a thin
 * profile never claims eligibility it cannot show, and the page tells the enterprise what to fill in.
 */
export interface Range {
  min?: number;
  max?: number;
}

/** The structured eligibility of a policy; every field is optional and all given fields must hold. */
export interface PolicyCriteria {
  /** The enterprise's industry is one of these. */
  industries?: string[];
  headcount?: Range;
  /** Annual revenue, 万元. */
  revenueWan?: Range;
  /** Full years since founding: min = 成立满 N 年, max = 成立未满 N 年. */
  yearsFounded?: Range;
  /** Holds every one of these qualifications. */
  qualificationsAll?: string[];
  /** Holds at least one of these qualifications. */
  qualificationsAny?: string[];
  /** Settled in the park (入园) less than N years ago. */
  settledWithinYears?: number;
}

/** The part of an enterprise profile matching reads (EnterpriseDoc's matching fields). */
export interface MatchProfile {
  industry: string;
  headcount: number | null;
  annualRevenueWan: number | null;
  /** 'YYYY-MM-DD' */
  foundedAt: string | null;
  qualifications: readonly string[];
  /** 入园日期 'YYYY-MM-DD' */
  settledAt: string | null;
}

export type Verdict = 'match' | 'near' | 'none';

export interface Fit {
  verdict: Verdict;
  met: string[];
  gaps: string[];
  blockers: string[];
}

/** Two gaps is still "差一点"; three or more is a different enterprise. */
export const MAX_GAPS = 2;
/** A figure below a minimum is a near miss from this share of the minimum on. */
export const NEAR_RATIO = 0.8;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] | null {
  const m = DAY.exec(day);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Whole years from `from` to `to` (both 'YYYY-MM-DD'): an anniversary counts on its own day. */
export function fullYears(from: string, to: string): number | null {
  const a = parts(from);
  const b = parts(to);
  if (!a || !b) return null;
  let years = b[0] - a[0];
  if (b[1] < a[1] || (b[1] === a[1] && b[2] < a[2])) years--;
  return years;
}

/** The day `n` years after `day` (29 Feb → 28 Feb in a common year). */
export function addYears(day: string, n: number): string {
  const p = parts(day);
  if (!p) return day;
  const y = p[0] + n;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const d = p[1] === 2 && p[2] === 29 && !leap ? 28 : p[2];
  return `${y}-${String(p[1]).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const list = (xs: readonly string[]) => xs.join('、');

interface Tally {
  met: string[];
  gaps: string[];
  blockers: string[];
}

function checkRange(t: Tally, r: Range | undefined, value: number | null, what: string, unit: string, fill: string): void {
  if (!r || (r.min === undefined && r.max === undefined)) return;
  if (value === null || value === undefined || Number.isNaN(value)) {
    t.gaps.push(fill);
    return;
  }
  const okMin = r.min === undefined || value >= r.min;
  const okMax = r.max === undefined || value <= r.max;
  if (!okMax) t.blockers.push(`${what}超过 ${r.max} ${unit}上限（现 ${value} ${unit}）`);
  if (!okMin) {
    if (value >= r.min! * NEAR_RATIO) t.gaps.push(`${what}达到 ${r.min} ${unit}（现 ${value} ${unit}）`);
    else t.blockers.push(`${what}不足 ${r.min} ${unit}（现 ${value} ${unit}）`);
  }
  if (okMin && okMax) {
    const bound =
      r.min !== undefined && r.max !== undefined
        ? `${r.min}–${r.max} ${unit}`
        : r.min !== undefined
          ? `不少于 ${r.min} ${unit}`
          : `不超过 ${r.max} ${unit}`;
    t.met.push(`${what} ${value} ${unit}（${bound}）`);
  }
}

export function matchPolicy(c: PolicyCriteria, p: MatchProfile, today: string): Fit {
  const t: Tally = { met: [], gaps: [], blockers: [] };

  if (c.industries?.length) {
    if (!p.industry) t.gaps.push('填报所属行业');
    else if (c.industries.includes(p.industry)) t.met.push(`所属行业为${p.industry}`);
    else t.blockers.push(`所属行业不在支持范围（限${list(c.industries)}）`);
  }

  checkRange(t, c.headcount, p.headcount, '员工人数', '人', '填报员工人数');
  checkRange(t, c.revenueWan, p.annualRevenueWan, '年营业收入', '万元', '填报年营业收入');

  const y = c.yearsFounded;
  if (y && (y.min !== undefined || y.max !== undefined)) {
    const years = p.foundedAt ? fullYears(p.foundedAt, today) : null;
    if (years === null || !p.foundedAt) t.gaps.push('填报成立日期');
    else {
      const okMin = y.min === undefined || years >= y.min;
      const okMax = y.max === undefined || years < y.max;
      if (!okMax) t.blockers.push(`成立已满 ${y.max} 年（限成立未满 ${y.max} 年）`);
      if (!okMin) {
        const from = addYears(p.foundedAt, y.min!);
        if (from <= addYears(today, 1)) t.gaps.push(`成立满 ${y.min} 年（${from} 起）`);
        else t.blockers.push(`成立未满 ${y.min} 年（${from} 满）`);
      }
      if (okMin && okMax) {
        const bound = [y.min !== undefined ? `满 ${y.min} 年` : '', y.max !== undefined ? `未满 ${y.max} 年` : ''].filter(Boolean).join('、');
        t.met.push(`成立 ${years} 年（${bound}）`);
      }
    }
  }

  const held = new Set(p.qualifications ?? []);
  for (const q of c.qualificationsAll ?? []) {
    if (held.has(q)) t.met.push(`已认定${q}`);
    else t.gaps.push(`${q}认定`);
  }
  if (c.qualificationsAny?.length) {
    const has = c.qualificationsAny.filter((q) => held.has(q));
    if (has.length) t.met.push(`已认定${list(has)}`);
    else t.gaps.push(`${c.qualificationsAny.join('或')}认定`);
  }

  if (c.settledWithinYears !== undefined) {
    const n = c.settledWithinYears;
    if (!p.settledAt || !parts(p.settledAt)) t.gaps.push('填报入园日期');
    else if (today < addYears(p.settledAt, n)) t.met.push(`${p.settledAt} 入园（入园未满 ${n} 年）`);
    else t.blockers.push(`入园已满 ${n} 年（限新入园 ${n} 年内企业）`);
  }

  if (t.met.length === 0 && t.gaps.length === 0 && t.blockers.length === 0) t.met.push('不限条件，园区企业均可申报');
  const verdict: Verdict =
    t.gaps.length === 0 && t.blockers.length === 0 ? 'match' : t.blockers.length === 0 && t.gaps.length <= MAX_GAPS ? 'near' : 'none';
  return { verdict, ...t };
}

/** The structured conditions in words, for a policy's page ("员工人数 10–100 人", …). */
export function describeCriteria(c: PolicyCriteria): string[] {
  const out: string[] = [];
  const range = (r: Range | undefined, what: string, unit: string) => {
    if (!r) return;
    if (r.min !== undefined && r.max !== undefined) out.push(`${what} ${r.min}–${r.max} ${unit}`);
    else if (r.min !== undefined) out.push(`${what}不少于 ${r.min} ${unit}`);
    else if (r.max !== undefined) out.push(`${what}不超过 ${r.max} ${unit}`);
  };
  if (c.industries?.length) out.push(`所属行业：${list(c.industries)}`);
  range(c.headcount, '员工人数', '人');
  range(c.revenueWan, '年营业收入', '万元');
  if (c.yearsFounded?.min !== undefined) out.push(`成立满 ${c.yearsFounded.min} 年`);
  if (c.yearsFounded?.max !== undefined) out.push(`成立未满 ${c.yearsFounded.max} 年`);
  if (c.qualificationsAll?.length) out.push(`须认定：${list(c.qualificationsAll)}`);
  if (c.qualificationsAny?.length) out.push(`须认定其一：${c.qualificationsAny.join(' 或 ')}`);
  if (c.settledWithinYears !== undefined) out.push(`入园未满 ${c.settledWithinYears} 年`);
  return out;
}

export interface Matched<P> {
  policy: P;
  fit: Fit;
}

/**
 * Every policy's fit, matches first then near misses (fewest gaps first), policies the enterprise
 * cannot reach left out. Stable within a group, so the caller's order (newest first) is kept.
 */
export function matchAll<P extends { criteria: PolicyCriteria }>(
  policies: readonly P[],
  profile: MatchProfile,
  today: string,
): { matched: Matched<P>[]; near: Matched<P>[] } {
  const fits = policies.map((policy) => ({ policy, fit: matchPolicy(policy.criteria ?? {}, profile, today) }));
  return {
    matched: fits.filter((f) => f.fit.verdict === 'match'),
    near: fits.filter((f) => f.fit.verdict === 'near').sort((a, b) => a.fit.gaps.length - b.fit.gaps.length),
  };
}
