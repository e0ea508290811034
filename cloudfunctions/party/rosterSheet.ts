/**
 * The 花名册 as a sheet: the columns the export writes and the import reads (one list, so an
 * exported file edited in Excel imports again), the rows of a scope, and the pure check of an
 * imported sheet — every rejected row with its Excel row number and every reason at once, as the
 * enterprise import does (cloudfunctions/org/enterpriseRows.ts).
 */
import { cmd, col } from '../../server/core/db';
import type { Column, Row } from '../../server/core/ledger';
import { factProblems, memberView, nameMaps, RELATIONS, STANDINGS, type MemberFacts } from './roster';

export const ROSTER_COLUMNS: (Column & { required?: boolean; exportOnly?: boolean; note: string })[] = [
  { key: 'id', header: '编号', width: 26, note: '导出时自动填写；导入时有编号的行更新该党员，空白的行新增' },
  { key: 'name', header: '姓名', width: 10, required: true, note: '必填，不超过 20 字' },
  { key: 'branchName', header: '所在支部', width: 28, required: true, note: '必填，填支部全称（书记只能导入本支部）' },
  { key: 'standing', header: '党员类别', width: 10, required: true, note: '必填：正式 或 预备' },
  { key: 'joinedOn', header: '入党日期', type: 'day', required: true, note: '必填，如 2015-07-01' },
  { key: 'confirmedOn', header: '转正日期', type: 'day', note: '正式党员必填，不早于入党日期；预备党员不填' },
  { key: 'enterpriseName', header: '工作单位', width: 28, note: '可不填；填园区企业全称' },
  { key: 'relation', header: '组织关系', width: 10, required: true, note: '必填：已转入 或 未转入（园区）' },
  { key: 'relationHeldAt', header: '组织关系所在单位', width: 28, note: '组织关系未转入的必填，写明现在所在的党组织' },
  { key: 'phone', header: '联系电话', width: 14, note: '可不填；11 位手机号或带区号的固定电话' },
  { key: 'bound', header: '已关联微信', width: 10, exportOnly: true, note: '仅导出' },
];

const STANDING_ALIASES: Record<string, (typeof STANDINGS)[number]> = { 正式: '正式', 正式党员: '正式', 预备: '预备', 预备党员: '预备' };
const RELATION_ALIASES: Record<string, (typeof RELATIONS)[number]> = { 已转入: '已转入', 已转入园区: '已转入', 未转入: '未转入', 未转入园区: '未转入' };

/** Rows of the roster in `branchIds` (null = every branch), active ones, by branch then name. */
export async function rosterRows(branchIds: string[] | null, skip: number, limit: number): Promise<Row[]> {
  const _ = cmd();
  const where = branchIds ? { state: 'active', branchId: _.in(branchIds) } : { state: 'active' };
  const { data } = await col('partyMembers').where(where).orderBy('branchId', 'asc').orderBy('name', 'asc').skip(skip).limit(limit).get();
  const names = await nameMaps(data.map((m) => m.branchId), data.map((m) => m.enterpriseId));
  return data.map((m) => {
    const v = memberView(m, names);
    return { ...v, bound: v.bound ? '是' : '否', confirmedOn: v.confirmedOn ?? '', relationHeldAt: v.relationHeldAt ?? '', phone: v.phone ?? '', joinedOn: v.joinedOn ?? '' };
  });
}

export async function rosterCount(branchIds: string[] | null): Promise<number> {
  const _ = cmd();
  const where = branchIds ? { state: 'active', branchId: _.in(branchIds) } : { state: 'active' };
  return (await col('partyMembers').where(where).count()).total;
}

export interface RosterImportRow extends MemberFacts {
  rowNumber: number;
  id: string | null;
  branchId: string;
}

export interface Rejected {
  rowNumber: number;
  name: string;
  reason: string;
}

function validDay(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/**
 * Checks every row of an imported sheet (pure). `branches` / `enterprises` map full names to ids
 * (the branches the caller may import into; every enterprise); `ids` are the 编号 the caller may
 * update (rows of their branches, still active).
 */
export function checkRosterRows(
  sheet: { rowNumber: number; cells: string[] }[],
  ctx: { today: string; branches: Map<string, string>; enterprises: Map<string, string>; ids: Map<string, string> },
): { valid: RosterImportRow[]; rejected: Rejected[]; missingHeaders: string[] } {
  const headerIdx = sheet.slice(0, 5).findIndex((r) => r.cells.some((c) => c.replace(/[*＊\s]/g, '') === '姓名'));
  const required = ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.header);
  if (headerIdx < 0) return { valid: [], rejected: [], missingHeaders: required };
  const header = sheet[headerIdx].cells.map((c) => c.replace(/[*＊\s]/g, ''));
  const pos = new Map(ROSTER_COLUMNS.map((c) => [c.key, header.indexOf(c.header)]));
  const missingHeaders = required.filter((h) => !header.includes(h));
  if (missingHeaders.length) return { valid: [], rejected: [], missingHeaders };
  const get = (cells: string[], k: string) => ((pos.get(k) ?? -1) >= 0 ? (cells[pos.get(k)!] ?? '').trim() : '');

  const valid: RosterImportRow[] = [];
  const rejected: Rejected[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.slice(headerIdx + 1)) {
    if (cells.every((c) => !c.trim())) continue;
    const reasons: string[] = [];
    const name = get(cells, 'name').replace(/\s+/g, '');
    if (!name) reasons.push('姓名不能为空');
    else if (name.length > 20) reasons.push('姓名超过 20 字');
    const id = get(cells, 'id') || null;
    const branchName = get(cells, 'branchName');
    let branchId = branchName ? ctx.branches.get(branchName) : undefined;
    if (!branchName) reasons.push('所在支部不能为空');
    else if (!branchId) reasons.push(`所在支部“${branchName.slice(0, 30)}”不存在或不是您管理的支部`);
    if (id) {
      const rowBranch = ctx.ids.get(id);
      if (!rowBranch) reasons.push('编号不存在或不是您管理的党员（新增党员请清空编号）');
      else if (branchId && rowBranch !== branchId) reasons.push('更换支部请办理组织关系转接，不能通过导入修改');
      branchId = branchId ?? rowBranch;
    }
    const standingText = get(cells, 'standing');
    const standing = STANDING_ALIASES[standingText];
    if (!standing) reasons.push(standingText ? `党员类别“${standingText.slice(0, 10)}”应为 正式 或 预备` : '党员类别不能为空');
    const joinedText = get(cells, 'joinedOn');
    const joinedOn = joinedText ? validDay(joinedText) : null;
    if (!joinedText) reasons.push('入党日期不能为空');
    else if (!joinedOn) reasons.push(`入党日期“${joinedText.slice(0, 20)}”不是有效日期（如 2015-07-01）`);
    const confirmedText = get(cells, 'confirmedOn');
    const confirmedOn = confirmedText ? validDay(confirmedText) : null;
    if (confirmedText && !confirmedOn) reasons.push(`转正日期“${confirmedText.slice(0, 20)}”不是有效日期`);
    const enterpriseName = get(cells, 'enterpriseName');
    const enterpriseId = enterpriseName ? (ctx.enterprises.get(enterpriseName) ?? null) : null;
    if (enterpriseName && !enterpriseId) reasons.push(`工作单位“${enterpriseName.slice(0, 30)}”不在园区企业名录中`);
    const relationText = get(cells, 'relation');
    const relation = RELATION_ALIASES[relationText];
    if (!relation) reasons.push(relationText ? `组织关系“${relationText.slice(0, 10)}”应为 已转入 或 未转入` : '组织关系不能为空');
    const facts: MemberFacts = { name, standing: standing ?? '正式', joinedOn: joinedOn ?? '', confirmedOn, enterpriseId, relation: relation ?? '已转入', relationHeldAt: get(cells, 'relationHeldAt') || null, phone: get(cells, 'phone') || null };
    if (standing && joinedOn && relation && (!confirmedText || confirmedOn)) reasons.push(...factProblems(facts, ctx.today));
    const key = id ?? `${branchId}\n${name}\n${joinedOn}`;
    if (seen.has(key)) reasons.push(`与第 ${seen.get(key)} 行是同一名党员`);
    else seen.set(key, rowNumber);
    if (reasons.length) rejected.push({ rowNumber, name, reason: reasons.join('；') });
    else valid.push({ rowNumber, id, branchId: branchId!, ...facts });
  }
  return { valid, rejected, missingHeaders };
}
