/**
 * The Party-organisation rules of the 五清 ledger, as data plus small pure functions, so that the
 * one table below drives three things that must agree: the suggestion shown on an enterprise's
 * entry, the "form mismatch" flag on the ledger list, and the same flag computed inside the
 * database by aggregation (`mismatchExpr`, used to filter and count without fetching the ledger).
 * Unit-tested on a table of cases, and the aggregation expression against the TS function.
 */

export const ORG_FORMS = ['单独组建', '联合组建', '挂靠组建', '派驻'] as const;
export type OrgForm = (typeof ORG_FORMS)[number];

/**
 * 营收规模 of the 五清 ledger, read from the profile's one revenue figure (`annualRevenueWan`, 万元,
 * which policy matching uses too) rather than stored beside it: one fact, one field.
 */
const REVENUE_BANDS: [number, string][] = [
  [100, '100万元以下'],
  [500, '100–500万元'],
  [2000, '500–2000万元'],
  [10000, '2000万–1亿元'],
  [50000, '1–5亿元'],
];

export function revenueBand(annualRevenueWan: number | null | undefined): string {
  if (typeof annualRevenueWan !== 'number') return '未填报';
  return REVENUE_BANDS.find(([below]) => annualRevenueWan < below)?.[1] ?? '5亿元以上';
}

export interface FormRule {
  /** Full (正式) members, inclusive bounds; probationary members do not count (党章: 3 名以上正式党员). */
  minFull: number;
  maxFull: number | null;
  suggested: OrgForm;
  /** Forms that satisfy the rule. */
  allowed: readonly OrgForm[];
  /** An assigned instructor (派驻党建指导员) satisfies the rule without any organisation. */
  instructorSuffices: boolean;
  advice: string;
}

export const FORM_RULES: readonly FormRule[] = [
  { minFull: 3, maxFull: null, suggested: '单独组建', allowed: ['单独组建'], instructorSuffices: false,
    advice: '正式党员 3 名以上，应单独组建党支部' },
  { minFull: 1, maxFull: 2, suggested: '联合组建', allowed: ['联合组建', '挂靠组建'], instructorSuffices: false,
    advice: '正式党员不足 3 名，宜与邻近企业联合组建，或挂靠就近党组织' },
  { minFull: 0, maxFull: 0, suggested: '派驻', allowed: ['派驻'], instructorSuffices: true,
    advice: '暂无正式党员，应选派党建指导员（派驻）开展党的工作' },
];

export function ruleFor(full: number): FormRule {
  const n = Math.max(0, Math.floor(full || 0));
  return FORM_RULES.find((r) => n >= r.minFull && (r.maxFull === null || n <= r.maxFull))!;
}

export interface FormCheck {
  suggested: OrgForm;
  ok: boolean;
  /** One sentence: what the rule says and, when it is not met, what is wrong. */
  reason: string;
}

/** Whether an enterprise's organisation (its branch's form, or none) matches the rule. */
export function checkForm(input: { full: number; form: OrgForm | null; hasInstructor: boolean }): FormCheck {
  const rule = ruleFor(input.full);
  const ok = (input.form !== null && rule.allowed.includes(input.form)) || (rule.instructorSuffices && input.hasInstructor);
  let reason = rule.advice;
  if (!ok) {
    if (input.form === null) reason = `${rule.advice}；目前未建立党组织${rule.instructorSuffices ? '，也未派驻指导员' : ''}`;
    else reason = `${rule.advice}；目前为${input.form}`;
  }
  return { suggested: rule.suggested, ok, reason };
}

/**
 * The same test as `checkForm(...).ok === false`, as an aggregation expression over fields of the
 * current document (paths like '$full'). Built from FORM_RULES, so the two cannot drift apart.
 */
export function mismatchExpr(full: string, form: string, hasInstructor: string): Record<string, unknown> {
  return {
    $switch: {
      branches: FORM_RULES.map((r) => ({
        case: r.maxFull === null ? { $gte: [full, r.minFull] } : { $and: [{ $gte: [full, r.minFull] }, { $lte: [full, r.maxFull] }] },
        then: {
          $not: [{ $or: [{ $in: [form, [...r.allowed]] }, ...(r.instructorSuffices ? [{ $eq: [hasInstructor, true] }] : [])] }],
        },
      })),
      default: false,
    },
  };
}

// ---- nearby candidates -------------------------------------------------------------------------

export interface CandidateBranch {
  id: string;
  name: string;
  form: OrgForm;
  /** Buildings and industries of the enterprises it covers. */
  buildings: string[];
  industries: string[];
  enterpriseCount: number;
}

export interface Candidate {
  id: string;
  name: string;
  form: OrgForm;
  why: string;
}

/**
 * For an enterprise with 1–2 full members: organisations it could join. Joint organisations (联合组建)
 * first, then single-built ones it could attach to (挂靠); within each, the same building beats the
 * same industry beats the rest, then the smaller organisation (spreads the load).
 */
export function nearbyCandidates(
  e: { building: string; industry: string },
  branches: readonly CandidateBranch[],
  max = 3,
): Candidate[] {
  const scored = branches
    .filter((b) => b.form === '联合组建' || b.form === '单独组建')
    .map((b) => {
      const sameBuilding = !!e.building && b.buildings.includes(e.building);
      const sameIndustry = b.industries.includes(e.industry);
      const score = (b.form === '联合组建' ? 100 : 0) + (sameBuilding ? 10 : 0) + (sameIndustry ? 5 : 0);
      const where = sameBuilding ? `同在${e.building}` : sameIndustry ? `同属${e.industry}行业` : '就近';
      const why = b.form === '联合组建' ? `${where}，可加入联合党支部` : `${where}，可挂靠该党组织`;
      return { c: { id: b.id, name: b.name, form: b.form, why }, score, size: b.enterpriseCount };
    })
    .sort((a, b) => b.score - a.score || a.size - b.size || a.c.name.localeCompare(b.c.name, 'zh'));
  return scored.slice(0, max).map((s) => s.c);
}

// ---- coverage -----------------------------------------------------------------------------------

export interface CoverageCounts {
  enterprises: number;
  withOrg: number;
  withOrgOrInstructor: number;
  single: number;
  joint: number;
  attached: number;
  dispatched: number;
  members: number;
}

/** Rates as fractions with 4 decimals (a page shows them as percentages); 0 when there is nothing to divide. */
export function coverageRates(c: CoverageCounts) {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
  return {
    /** 组织覆盖率: enterprises with a Party organisation ÷ all enterprises. */
    orgCoverage: ratio(c.withOrg, c.enterprises),
    /** 工作覆盖率: with an organisation or an instructor ÷ all. */
    workCoverage: ratio(c.withOrgOrInstructor, c.enterprises),
    /** 单独组建率: single-built ÷ enterprises with an organisation. */
    singleRate: ratio(c.single, c.withOrg),
    /** 联合组建率: joint-built ÷ enterprises with an organisation. */
    jointRate: ratio(c.joint, c.withOrg),
    /** 户均党员: Party members (full + probationary) per enterprise. */
    membersPerEnterprise: c.enterprises > 0 ? Math.round((c.members / c.enterprises) * 100) / 100 : 0,
  };
}
