/**
 * The 三会一课 / 主题党日 rule table: how often each kind of meeting must be held, and the pure check
 * of a quarter's meetings against it (required / held / counted / missing per kind). The star
 * rating's items (evidence.ts) and the coming 三会一课 board read the same table and this check, so
 * the two can never disagree on what "held enough" means.
 */
import { col } from '../../server/core/db';
import type { OrgLifeKind, OrgLifeRule, OrgLifeRulesDoc } from './docs';

/** The rules a park starts with (admins edit them): 支部党员大会 and 党课 quarterly, the rest monthly. */
export const DEFAULT_ORG_LIFE_RULES: OrgLifeRule[] = [
  { kind: '支部党员大会', per: 'quarter', min: 1 },
  { kind: '支委会', per: 'month', min: 1 },
  { kind: '党小组会', per: 'month', min: 1 },
  { kind: '党课', per: 'quarter', min: 1 },
  { kind: '主题党日', per: 'month', min: 1 },
];

export async function loadOrgLifeRules(): Promise<OrgLifeRulesDoc> {
  const [r] = (await col('orgLifeRules').doc('current').get()).data;
  return r ?? { version: 0, rules: DEFAULT_ORG_LIFE_RULES, updatedBy: 'system', updatedAt: new Date(0) };
}

export interface KindCheck {
  kind: OrgLifeKind;
  per: 'month' | 'quarter';
  min: number;
  /** Meetings the quarter requires of this kind. */
  required: number;
  /** Meetings held (counted records) in the quarter. */
  held: number;
  /** Held meetings that meet a requirement: per period, at most `min` (extra meetings in one month do not make up for another month). */
  met: number;
  missing: number;
}

/**
 * One kind against its rule, from the meetings held in each of the quarter's three months. A
 * monthly rule is met month by month: four 党小组会 in October leave November and December missing.
 */
export function checkKind(rule: OrgLifeRule, byMonth: readonly number[]): KindCheck {
  const months = [0, 1, 2].map((i) => byMonth[i] ?? 0);
  const held = months.reduce((s, n) => s + n, 0);
  const required = rule.per === 'month' ? rule.min * 3 : rule.min;
  const met = rule.per === 'month' ? months.reduce((s, n) => s + Math.min(n, rule.min), 0) : Math.min(held, rule.min);
  return { kind: rule.kind, per: rule.per, min: rule.min, required, held, met, missing: required - met };
}

/** The given kinds (those the table has a rule for) of one branch's quarter. */
export function checkKinds(rules: readonly OrgLifeRule[], kinds: readonly OrgLifeKind[], held: Partial<Record<OrgLifeKind, number[]>>): KindCheck[] {
  return kinds.flatMap((k) => {
    const rule = rules.find((r) => r.kind === k);
    return rule && rule.min > 0 ? [checkKind(rule, held[k] ?? [])] : [];
  });
}

/**
 * 「支委会 每月 1 次：应开 3 次，已开 4 次（按月计 1 次），缺 2 次」 — the line the rating item and the
 * board show. When a monthly rule leaves months missing although enough meetings were held, the line
 * says how many counted month by month; without it 「应开 3 次，已开 3 次，缺 1 次」 read as an error.
 */
export function checkLine(c: KindCheck): string {
  const rule = `${c.per === 'month' ? '每月' : '每季度'} ${c.min} 次`;
  const counted = c.per === 'month' && c.missing > 0 && c.met < c.held ? `（按月计 ${c.met} 次）` : '';
  return `${c.kind} ${rule}：应开 ${c.required} 次，已开 ${c.held} 次${counted}，缺 ${c.missing} 次`;
}
