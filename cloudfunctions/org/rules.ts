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
 * 未建立原因, the sixth fact of the ledger (江西's 「六个清」, findings F-13): why an enterprise has no
 * Party organisation of its own. It justifies a 派驻 or a 党建指导员 assignment, so the coverage
 * figures count the ones where it is missing (「未建立原因未填」).
 */
export const NO_ORG_REASONS = ['党员不足3名', '新设立企业', '空壳或停业', '其他'] as const;
export type NoOrgReason = (typeof NO_ORG_REASONS)[number];

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

// ---- coverage ----------------------------------------------------------------------------------

/**
 * 党章 and seed 000 (「有3名以上正式党员的，采取单独组建的方式」): a 单独组建 or 联合组建 organisation
 * counts towards 组织覆盖 only with at least this many 正式党员 on its roster now (findings G-12).
 * Below it the organisation still exists (a branch may be set up before its members transfer in)
 * and still carries the Party's work, so it counts under 工作覆盖 and is listed as 「未达3名正式党员」.
 */
export const MIN_FULL_MEMBERS = 3;
/** The forms the 3-member rule applies to; 挂靠组建 members sit in the host organisation. */
export const BUILT_FORMS: readonly OrgForm[] = ['单独组建', '联合组建'];

export interface CoverageCounts {
  /** Denominator of every rate: all park enterprises in the ledger. */
  enterprises: number;
  /**
   * Enterprises under an organisation that counts for 组织覆盖: 单独组建 / 联合组建 with at least
   * MIN_FULL_MEMBERS 正式党员 on the roster, or 挂靠组建. Never 派驻, never an instructor alone.
   */
  withOrg: number;
  /** 工作覆盖: under any organisation (派驻 and those below three included) or with an instructor. */
  withOrgOrInstructor: number;
  /** Enterprises under a counted 单独组建 / 联合组建 organisation. */
  single: number;
  joint: number;
  attached: number;
  dispatched: number;
  members: number;
  /** Enterprises under a 单独组建 / 联合组建 organisation with fewer than MIN_FULL_MEMBERS 正式党员: not counted. */
  belowThree: number;
}

/** Rates as fractions with 4 decimals (a page shows them as percentages); 0 when there is nothing to divide. */
export function coverageRates(c: CoverageCounts) {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : 0);
  // Every rate divides by all enterprises of the ledger, as the 组织部 template does (seed 004:
  // 组织覆盖 90% ≈ 单建率 53% + 联建率 42%), so 单建率 + 联建率 (+ 挂靠) add up to 组织覆盖率.
  return {
    /** 组织覆盖率: enterprises under a counted organisation ÷ all enterprises. */
    orgCoverage: ratio(c.withOrg, c.enterprises),
    /** 工作覆盖率: under any organisation (派驻 included) or with an instructor ÷ all. */
    workCoverage: ratio(c.withOrgOrInstructor, c.enterprises),
    /** 单建率: under a counted 单独组建 organisation ÷ all enterprises. */
    singleRate: ratio(c.single, c.enterprises),
    /** 联建率: under a counted 联合组建 organisation ÷ all enterprises. */
    jointRate: ratio(c.joint, c.enterprises),
    /** 户均党员: Party members (full + probationary) per enterprise. */
    membersPerEnterprise: c.enterprises > 0 ? Math.round((c.members / c.enterprises) * 100) / 100 : 0,
  };
}

/** The 口径说明 the coverage page and the export show: one line per figure. */
export const COVERAGE_DEFINITIONS: readonly string[] = [
  '分母：企业台账中的全部园区企业。',
  `组织覆盖：所在党组织为单独组建或联合组建且花名册上现有正式党员（在册、组织关系已转入）不少于${MIN_FULL_MEMBERS}名，或为挂靠组建；预备党员不计。`,
  `单独组建、联合组建的党组织正式党员不足${MIN_FULL_MEMBERS}名时列为「未达${MIN_FULL_MEMBERS}名正式党员」，不计入组织覆盖、单建率和联建率，仍计入工作覆盖。`,
  '工作覆盖：已建立任一形式的党组织（含派驻），或已选派党建指导员；派驻和指导员只计入工作覆盖，不计入组织覆盖。',
  '单建率、联建率：计入组织覆盖的单独组建、联合组建企业 ÷ 全部企业。',
];
