/**
 * The roster's rules and views, shared by the 花名册 and 转接 actions (and, through public.ts, by
 * user.approveMember and the erasure): what a row's facts must satisfy, who may see a row, the
 * day a new row starts counting, how a transfer's effective day may fall, and the reply shapes.
 */
import * as z from 'zod';
import { createHash, randomBytes } from 'crypto';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { dayParam, isCalendarDay } from '../../server/core/params';
import { addDays, dayjs, parkDay } from '../../server/core/time';
import type { Caller } from '../../server/core/caller';
import type { PartyMemberDoc, PartyStanding, PartyStretch, PartyTransferDoc, RelationStatus } from './docs';
import { keptBranches } from './months';

export const STANDINGS = ['正式', '预备'] as const satisfies readonly PartyStanding[];
export const RELATIONS = ['已转入', '未转入'] as const satisfies readonly RelationStatus[];
export const PAGE_SIZE = 20;

export const idParam = z.string().trim().min(1).max(64);
/**
 * One per opening of a form that creates a record (登记党员, 建立发展档案), made by the client and
 * sent unchanged on every retry (src/api/retry.ts REPEATABLE_WITH_KEY): the record's id is derived
 * from it, so a double tap or a retry after a reply lost on the network finds the record the first
 * attempt made instead of making a second one.
 */
export const requestIdParam = z.string().regex(/^[0-9A-Za-z_-]{8,40}$/, '请求编号格式不正确');
export const pageParam = z.number().int().min(1).max(10_000).optional();
/** Free text that may be left empty: '' and null both mean "not given". */
const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不超过 ${max} 字`).nullable().optional();

/** The facts a secretary keeps about a member (upsertMember, transferIn, the import). */
export const factParams = {
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名不超过 20 字'),
  standing: z.enum(STANDINGS, { message: '请选择正式党员或预备党员' }),
  joinedOn: dayParam,
  confirmedOn: dayParam.nullable().optional(),
  enterpriseId: idParam.nullable().optional(),
  relation: z.enum(RELATIONS, { message: '请选择组织关系是否已转入园区' }),
  relationHeldAt: optionalText(60, '组织关系所在单位'),
  phone: optionalText(20, '联系电话'),
};

export interface MemberFacts {
  name: string;
  standing: PartyStanding;
  joinedOn: string;
  confirmedOn: string | null;
  enterpriseId: string | null;
  relation: RelationStatus;
  relationHeldAt: string | null;
  phone: string | null;
}

/** Params (or an import row) as facts: empty text is "not given". */
export function toFacts(p: { name: string; standing: PartyStanding; joinedOn: string; confirmedOn?: string | null; enterpriseId?: string | null; relation: RelationStatus; relationHeldAt?: string | null; phone?: string | null }): MemberFacts {
  return {
    name: p.name,
    standing: p.standing,
    joinedOn: p.joinedOn,
    confirmedOn: p.confirmedOn || null,
    enterpriseId: p.enterpriseId || null,
    relation: p.relation,
    relationHeldAt: p.relationHeldAt || null,
    phone: p.phone || null,
  };
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/**
 * Every rule a row's facts break, all at once (pure, so the import checks each row with it too):
 * real days not in the future, 转正日期 required exactly for 正式 and not before 入党日期, where the
 * relation sits required exactly while 未转入.
 */
export function factProblems(f: MemberFacts, today: string): string[] {
  const r: string[] = [];
  if (!isCalendarDay(f.joinedOn)) r.push('入党日期不是有效日期');
  else if (f.joinedOn > today) r.push('入党日期不能晚于今天');
  if (f.standing === '正式') {
    if (!f.confirmedOn) r.push('正式党员须填写转正日期');
    else if (!isCalendarDay(f.confirmedOn)) r.push('转正日期不是有效日期');
    else if (f.confirmedOn < f.joinedOn) r.push('转正日期不能早于入党日期');
    else if (f.confirmedOn > today) r.push('转正日期不能晚于今天');
  } else if (f.confirmedOn) r.push('预备党员不填转正日期（转正后改为正式党员并填写转正日期）');
  if (f.relation === '未转入' && !f.relationHeldAt) r.push('组织关系未转入园区的，请填写组织关系所在单位');
  if (f.relation === '已转入' && f.relationHeldAt) r.push('组织关系已转入园区的，不填组织关系所在单位');
  if (f.phone && !PHONE.test(f.phone)) r.push('联系电话应为 11 位手机号或带区号的固定电话');
  return r;
}

export function requireFacts(f: MemberFacts, today = parkDay()): void {
  const problems = factProblems(f, today);
  if (problems.length) throw new AppError('VALIDATION', `请检查：${problems.join('；')}。`);
}

export async function requireEnterprise(enterpriseId: string | null): Promise<void> {
  if (!enterpriseId) return;
  const [e] = (await col('enterprises').doc(enterpriseId).get()).data;
  if (!e) throw new AppError('NOT_FOUND', '所选工作单位不存在，请重新选择。');
}

export async function requireBranch(branchId: string): Promise<void> {
  const [b] = (await col('branches').doc(branchId).get()).data;
  if (!b) throw new AppError('NOT_FOUND', '支部不存在，请重新选择。');
}

/**
 * The checks before a roster write into a given branch, in ONE read (issue 19: the caller's kept
 * branches, the branch and the enterprise were three): the branch exists and the caller keeps it
 * (its current secretary, or an admin — `forbidden` otherwise, as `requireKeeper`), and the
 * enterprise named, if any, exists. Existence only: nothing here is an invariant of the write.
 */
export async function requireKeptBranch(caller: Caller, branchId: string, enterpriseId: string | null, forbidden: string): Promise<void> {
  const $ = cmd().aggregate;
  const { data } = (await col('branches')
    .aggregate()
    .match({ _id: branchId })
    .lookup({ from: 'enterprises', let: {}, pipeline: $.pipeline().match({ _id: enterpriseId ?? '' }).project({ _id: 1 }).limit(1).done(), as: 'enterprise' })
    .project({ secretaryOpenid: 1, enterprise: 1 })
    .limit(1)
    .end()) as { data: { secretaryOpenid?: string | null; enterprise: unknown[] }[] };
  const b = data[0];
  if (!caller.is('admin') && b?.secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', forbidden);
  if (!b) throw new AppError('NOT_FOUND', '支部不存在，请重新选择。');
  if (enterpriseId && !b.enterprise.length) throw new AppError('NOT_FOUND', '所选工作单位不存在，请重新选择。');
}

/**
 * The branches the caller keeps (null for an admin: all) and whether the enterprise named exists,
 * in ONE read for a secretary (issue 19; two before): the same answers as `keptBranches` and
 * `requireEnterprise`.
 */
export async function keptBranchesAndEnterprise(caller: Caller, enterpriseId: string | null): Promise<string[] | null> {
  if (caller.is('admin') || !enterpriseId) {
    const [kept] = await Promise.all([keptBranches(caller), requireEnterprise(enterpriseId)]);
    return kept;
  }
  const $ = cmd().aggregate;
  const { data } = (await col('enterprises')
    .aggregate()
    .match({ _id: enterpriseId })
    .project({ _id: 1 })
    .lookup({ from: 'branches', let: {}, pipeline: $.pipeline().match({ secretaryOpenid: caller.openid }).project({ _id: 1 }).limit(20).done(), as: 'kept' })
    .limit(1)
    .end()) as { data: { kept: { _id: string }[] }[] };
  if (!data[0]) throw new AppError('NOT_FOUND', '所选工作单位不存在，请重新选择。');
  return data[0].kept.map((b) => b._id);
}

/**
 * The day a row entered without a transfer (registered by a secretary, imported, approved) starts
 * counting: the first day of the current month. A census registers people already there, so they
 * count this month; an earlier day would rewrite months already reported, which nothing may do.
 */
export function rosterStart(today = parkDay()): string {
  return `${today.slice(0, 7)}-01`;
}

/**
 * A transfer's effective day changes the membership of the months whose first day is on or after
 * it (months.ts). The earliest of those must not be a month already over, so the day must fall
 * after the first day of last month; and at most a year ahead.
 */
export function effectiveProblem(effectiveOn: string, today = parkDay()): string | null {
  const lastMonthStart = dayjs(rosterStart(today)).subtract(1, 'month').format('YYYY-MM-DD');
  const earliest = addDays(lastMonthStart, 1);
  if (effectiveOn < earliest) return `生效日期最早为 ${earliest}：已结束月份的党员名单不再改动。`;
  if (effectiveOn > addDays(today, 366)) return '生效日期不能晚于一年以后。';
  return null;
}

export function requireEffective(effectiveOn: string): void {
  const problem = effectiveProblem(effectiveOn);
  if (problem) throw new AppError('VALIDATION', problem);
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20);
/** Row ids: deterministic where a retry must find the row it already made, random otherwise. */
export const memberIds = {
  forUser: (openid: string) => `pm-u-${hash(`user\n${openid}`)}`,
  forLetter: (outsideOrg: string, letterNo: string) => `pm-in-${hash(`in\n${outsideOrg}\n${letterNo}`)}`,
  forImport: (branchId: string, name: string, joinedOn: string) => `pm-im-${hash(`import\n${branchId}\n${name}\n${joinedOn}`)}`,
  forRequest: (openid: string, requestId: string) => `pm-r-${hash(`request\n${openid}\n${requestId}`)}`,
  /** The row an approval of one application makes (user.approveMember): a repeat makes it once. */
  forApplication: (openid: string, appliedAtMs: number) => `pm-a-${hash(`application\n${openid}\n${appliedAtMs}`)}`,
  /** The row an admin's grant of membership makes (user.grantRole), once per user record (`createdAt`). */
  forGrant: (openid: string, userCreatedAtMs: number) => `pm-g-${hash(`grant\n${openid}\n${userCreatedAtMs}`)}`,
  fresh: () => `pm-${randomBytes(10).toString('hex')}`,
};

export const newTransferId = () => `pt-${randomBytes(10).toString('hex')}`;
/** A 转出's record id, from the member and the letter: resending the same form finds the record (transfers.ts). */
export const outTransferId = (memberId: string, outsideOrg: string, letterNo: string) => `pt-out-${hash(`out\n${memberId}\n${outsideOrg}\n${letterNo}`)}`;
/** A 发展档案's id from the form's request id (see requestIdParam). */
export const developmentIdFor = (openid: string, requestId: string) => `pd-r-${hash(`request\n${openid}\n${requestId}`)}`;

/** A new roster row (unbound unless `openid`), in `branchId` from `from` (its first stretch). */
export function newRow(id: string, f: MemberFacts | (Omit<MemberFacts, 'joinedOn'> & { joinedOn: string | null }), branchId: string, from: string, openid: string | null, at = new Date(), transferId: string | null = null): PartyMemberDoc {
  return {
    ...f,
    branchId,
    openid,
    bindKey: openid ?? `row:${id}`,
    state: 'active',
    stretches: [{ branchId, from, to: null, transferId }],
    pendingTransferId: null,
    createdAt: at,
    updatedAt: at,
  };
}

/** The open stretch (the last, `to: null`), or null once the member left the park. */
export function openStretch(m: Pick<PartyMemberDoc, 'stretches'>): PartyStretch | null {
  const last = m.stretches?.at(-1);
  return last && last.to === null ? last : null;
}

/**
 * The stretches after a switch on `effectiveOn`: the open one closed there and, when `toBranchId` is
 * given, one opened in that branch from the same day. The day must fall after the open stretch began
 * (a member starts at most one stretch a day). Pure: the caller writes the result with one
 * conditional update of the row.
 */
export function switchedStretches(m: Pick<PartyMemberDoc, 'stretches'>, effectiveOn: string, toBranchId: string | null, transferId: string): PartyStretch[] {
  const open = openStretch(m);
  if (!open) throw new AppError('CONFLICT', '该党员已不在园区党组织中。');
  if (effectiveOn <= open.from) throw new AppError('VALIDATION', `生效日期应晚于其在本支部的起始日期 ${open.from}。`);
  const closed = [...m.stretches.slice(0, -1), { ...open, to: effectiveOn }];
  return toBranchId ? [...closed, { branchId: toBranchId, from: effectiveOn, to: null, transferId }] : closed;
}

/** What an audit row records of a roster row (the change's before/after). */
export function snapshot(m: PartyMemberDoc | null) {
  if (!m) return null;
  return {
    name: m.name, branchId: m.branchId, standing: m.standing, joinedOn: m.joinedOn, confirmedOn: m.confirmedOn,
    enterpriseId: m.enterpriseId, relation: m.relation, relationHeldAt: m.relationHeldAt, phone: m.phone,
    openid: m.openid, state: m.state,
  };
}

/** Whether the caller may read a row: the member themself, the current secretary of its branch, an admin. */
export function canSee(caller: Caller, m: PartyMemberDoc, kept: string[] | null): boolean {
  if (kept === null) return true;
  if (m.openid && m.openid === caller.openid) return true;
  return !!m.branchId && kept.includes(m.branchId);
}

/** Branch and enterprise names, looked up at read time: one query each, whatever the page. */
export async function nameMaps(branchIds: (string | null)[], enterpriseIds: (string | null)[]) {
  const _ = cmd();
  const b = [...new Set(branchIds.filter((x): x is string => !!x))];
  const e = [...new Set(enterpriseIds.filter((x): x is string => !!x))];
  const [branches, enterprises] = await Promise.all([
    b.length ? col('branches').where({ _id: _.in(b) }).field({ name: true }).limit(b.length).get() : { data: [] },
    e.length ? col('enterprises').where({ _id: _.in(e) }).field({ name: true }).limit(e.length).get() : { data: [] },
  ]);
  return {
    branch: new Map(branches.data.map((x) => [x._id, x.name] as [string, string])),
    enterprise: new Map(enterprises.data.map((x) => [x._id, x.name] as [string, string])),
  };
}

export type NameMaps = Awaited<ReturnType<typeof nameMaps>>;

/** A name blanked by 删除我的数据 still needs a line in the branch's list. */
export const ERASED_NAME = '（本人已删除个人信息）';

/** One roster row as replies show it. The openid is never shown: `bound` says whether there is one. */
export function memberView(m: WithId<PartyMemberDoc>, names: NameMaps) {
  return {
    id: m._id,
    name: m.name || ERASED_NAME,
    branchId: m.branchId,
    branchName: m.branchId ? (names.branch.get(m.branchId) ?? '') : '',
    standing: m.standing,
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    enterpriseId: m.enterpriseId,
    enterpriseName: m.enterpriseId ? (names.enterprise.get(m.enterpriseId) ?? '') : '',
    relation: m.relation,
    relationHeldAt: m.relationHeldAt,
    phone: m.phone,
    bound: !!m.openid,
    state: m.state,
    /** Rows made before the roster (migration, approval without dates) lack 入党日期 until completed. */
    incomplete: !m.joinedOn,
    pendingTransferId: m.pendingTransferId,
  };
}

export type MemberView = ReturnType<typeof memberView>;

export const TRANSFER_KIND: Record<PartyTransferDoc['kind'], string> = { in: '转入', between: '园区内转接', out: '转出' };

export function transferView(t: WithId<PartyTransferDoc>, memberName: string, names: NameMaps, kept: string[] | null) {
  const pending = t.state === 'pending';
  return {
    id: t._id,
    memberId: t.memberId,
    memberName: memberName || ERASED_NAME,
    kind: t.kind,
    kindLabel: TRANSFER_KIND[t.kind],
    fromBranchId: t.fromBranchId,
    fromBranchName: t.fromBranchId ? (names.branch.get(t.fromBranchId) ?? '') : '',
    toBranchId: t.toBranchId,
    toBranchName: t.toBranchId ? (names.branch.get(t.toBranchId) ?? '') : '',
    outsideOrg: t.outsideOrg,
    letterNo: t.letterNo,
    letterDate: t.letterDate,
    effectiveOn: t.effectiveOn,
    state: t.state,
    requestedAt: t.requestedAt,
    decidedAt: t.decidedAt,
    note: t.note,
    /** The receiving secretary (or an admin) decides a pending between-branch transfer. */
    canDecide: pending && t.kind === 'between' && (kept === null || (!!t.toBranchId && kept.includes(t.toBranchId))),
    /** The sending branch's current secretary (or an admin) withdraws it (cancelTransfer), whoever asked. */
    canCancel: pending && (kept === null || (!!t.fromBranchId && kept.includes(t.fromBranchId))),
  };
}

export type TransferView = ReturnType<typeof transferView>;
