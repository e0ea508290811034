/**
 * The closed vocabularies of 惠企政策: levels, categories, industries and qualifications.
 * Plain constants with no imports, so the app's filter chips and forms read the very lists the
 * server validates against (the same way the app takes role labels from server/core/roles.ts).
 * A closed industry list is what makes "industry in a set" matchable: free text like
 * “装备制造业” vs “高端装备制造” would never compare equal.
 */
export const POLICY_LEVELS = ['国家', '省', '市', '区', '园区'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

export const POLICY_CATEGORIES = ['资金补贴', '税收优惠', '人才', '融资', '用地用房', '科技创新', '市场开拓', '稳岗就业'] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

/**
 * 未开始 / 有效 / 已过期 is derived from the application period, never stored (it would go stale
 * overnight). 未开始: announced, but applications open later (代办 is refused until then).
 */
export const POLICY_STATUSES = ['有效', '未开始', '已过期'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export const INDUSTRIES = [
  '高端装备制造',
  '生物医药',
  '软件和信息技术服务',
  '集成电路',
  '人工智能',
  '新材料',
  '新能源',
  '现代物流',
  '检验检测',
  '商务服务',
  '文化创意',
  '其他',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** The most employees an enterprise profile can state (the 五清 ledger's and the import's one limit). */
export const MAX_HEADCOUNT = 100_000;

/** Qualifications (资质) an enterprise can hold; each is obtained through a 认定 the center can help with. */
export const QUALIFICATIONS = ['高新技术企业', '科技型中小企业', '专精特新', '专精特新“小巨人”', '瞪羚企业'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

/** 红色代办 modes (PRODUCT.md): at the window, at the enterprise, or several departments together. */
export const PROXY_MODES = ['窗口帮办', '上门代办', '组团联办'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

/** Status of a policy on `today` (a park day 'YYYY-MM-DD'); open-ended periods (常年) stay 有效. */
export function policyStatus(applyFrom: string | null | undefined, applyTo: string | null | undefined, today: string): PolicyStatus {
  if (applyTo && applyTo < today) return '已过期';
  return applyFrom && applyFrom > today ? '未开始' : '有效';
}

/** '2026-01-01 至 2026-12-31', '常年受理', '即日起至 2026-12-31'. */
export function periodLabel(applyFrom: string | null | undefined, applyTo: string | null | undefined): string {
  if (!applyFrom && !applyTo) return '常年受理';
  if (!applyFrom) return `即日起至 ${applyTo}`;
  if (!applyTo) return `${applyFrom} 起常年受理`;
  return `${applyFrom} 至 ${applyTo}`;
}
