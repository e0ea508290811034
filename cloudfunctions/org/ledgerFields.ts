/**
 * The 五清 ledger entry of an enterprise, pure: its fields with defaults (older enterprises have
 * none yet), what changed between two versions (the change log), and the checks that relate one
 * fact to another (members cannot outnumber employees, …).
 */
import type { EnterpriseDoc } from './docs';
import type { NoOrgReason } from './rules';

export interface LedgerFacts {
  name: string;
  industry: string;
  building: string;
  foundedAt: string;
  headcount: number;
  /** 上年度营业收入（万元）: the profile's revenue, shared with policy matching; the band is derived. */
  annualRevenueWan: number | null;
  qualifications: string[];
  workforce: { activists: number; applicants: number };
  partyMembers: { full: number; probationary: number; registeredInPark: number };
  legalPerson: { name: string; isPartyMember: boolean };
  investor: { name: string; isPartyMember: boolean };
  /** 未建立原因: null while not filled in (or when an organisation exists and nothing was said). */
  noOrgReason: { kind: NoOrgReason | null; note: string };
}

export type LedgerPatch = Partial<LedgerFacts>;

/** Labels of the change log, one per field (nested fields by path). */
export const FIELD_LABELS: Record<string, string> = {
  name: '企业名称',
  industry: '所属行业',
  building: '所在楼宇',
  foundedAt: '成立日期',
  settledAt: '入园日期',
  headcount: '从业人员',
  annualRevenueWan: '年营业收入（万元）',
  qualifications: '资质荣誉',
  'workforce.activists': '入党积极分子',
  'workforce.applicants': '入党申请人',
  'partyMembers.full': '正式党员',
  'partyMembers.probationary': '预备党员',
  'partyMembers.registeredInPark': '组织关系在园区',
  'legalPerson.name': '法定代表人',
  'legalPerson.isPartyMember': '法定代表人是否党员',
  'investor.name': '主要出资人',
  'investor.isPartyMember': '出资人是否党员',
  'noOrgReason.kind': '未建立原因',
  'noOrgReason.note': '未建立原因说明',
  instructor: '党建指导员',
  creditCode: '统一社会信用代码',
};

export function ledgerFacts(e: EnterpriseDoc): LedgerFacts {
  return {
    name: e.name,
    industry: e.industry,
    building: e.building ?? '',
    foundedAt: e.foundedAt,
    headcount: e.headcount,
    annualRevenueWan: typeof e.annualRevenueWan === 'number' ? e.annualRevenueWan : null,
    qualifications: e.qualifications ?? [],
    workforce: { activists: e.workforce?.activists ?? 0, applicants: e.workforce?.applicants ?? 0 },
    partyMembers: {
      full: e.partyMembers?.full ?? 0,
      probationary: e.partyMembers?.probationary ?? 0,
      registeredInPark: e.partyMembers?.registeredInPark ?? 0,
    },
    legalPerson: { name: e.legalPerson?.name ?? '', isPartyMember: e.legalPerson?.isPartyMember ?? false },
    investor: { name: e.investor?.name ?? '', isPartyMember: e.investor?.isPartyMember ?? false },
    noOrgReason: { kind: e.noOrgReason?.kind ?? null, note: e.noOrgReason?.note ?? '' },
  };
}

export interface FieldChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The ledger after `patch`, and the list of fields that really changed (nested objects field by field). */
export function applyPatch(before: LedgerFacts, patch: LedgerPatch): { after: LedgerFacts; changes: FieldChange[] } {
  const after: LedgerFacts = JSON.parse(JSON.stringify(before));
  const changes: FieldChange[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof LedgerFacts, unknown][]) {
    if (value === undefined) continue;
    const cur = before[key] as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const merged = { ...(cur as object), ...(value as object) } as Record<string, unknown>;
      for (const [sub, v] of Object.entries(value as object)) {
        const old = (cur as Record<string, unknown>)[sub];
        if (!same(old, v)) changes.push({ field: `${key}.${sub}`, label: FIELD_LABELS[`${key}.${sub}`] ?? sub, before: old, after: v });
      }
      (after as unknown as Record<string, unknown>)[key] = merged;
    } else {
      if (!same(cur, value)) changes.push({ field: key, label: FIELD_LABELS[key] ?? key, before: cur, after: value });
      (after as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return { after, changes };
}

/** Facts that contradict each other, in one sentence (null when consistent). */
export function inconsistency(f: LedgerFacts): string | null {
  const members = f.partyMembers.full + f.partyMembers.probationary;
  if (members > f.headcount) return `党员人数（${members}）不能多于从业人员（${f.headcount}），请核对。`;
  if (f.partyMembers.registeredInPark > members) return `组织关系在园区的党员（${f.partyMembers.registeredInPark}）不能多于党员总数（${members}），请核对。`;
  if (f.workforce.activists + f.workforce.applicants + members > f.headcount) return '党员、入党积极分子和入党申请人合计不能多于从业人员，请核对。';
  if (f.noOrgReason.kind === '其他' && !f.noOrgReason.note.trim()) return '未建立原因选“其他”时，请填写具体说明。';
  return null;
}

/** The fields of `before` → `after` that differ, labelled for the change log (keys without a label are skipped). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(FIELD_LABELS)
    .filter((k) => k in after && !same(before[k] ?? null, after[k] ?? null))
    .map((k) => ({ field: k, label: FIELD_LABELS[k], before: before[k] ?? null, after: after[k] ?? null }));
}
