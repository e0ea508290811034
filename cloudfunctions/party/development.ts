/**
 * 发展党员: the pipeline's order and the intervals that bind it (党章 and 《中国共产党发展党员工作细则》):
 *   入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员, one step at a time, never back;
 *   至少一年 as 入党积极分子 (培养考察) before 发展对象; two 培养联系人 (正式党员 of the branch) before
 *   发展对象; a one-year 预备期 before 转正. A step's day is the day it was decided (支委会/支部大会),
 *   never in the future and never before the step it follows.
 * Each rule refuses with one sentence that says what is missing and from when the step is possible.
 */
import { AppError } from '../../server/core/errors';
import { cmd, col, type WithId } from '../../server/core/db';
import { dayjs, parkDay } from '../../server/core/time';
import type { Caller } from '../../server/core/caller';
import type { DevelopmentStage, PartyDevelopmentDoc, PartyMemberDoc } from './docs';
import { keptLookup, keptOf } from './transfers';
import { keptBranches } from './months';

export const STAGES: readonly DevelopmentStage[] = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'];

export function nextStage(stage: DevelopmentStage): DevelopmentStage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** The same calendar day `n` years later (29 February → 28 February). */
export function addYears(day: string, n: number): string {
  return dayjs.utc(day).add(n, 'year').format('YYYY-MM-DD');
}

const cn = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The day a stage began in this file, or null. */
export function stageDay(d: Pick<PartyDevelopmentDoc, 'steps'>, stage: DevelopmentStage): string | null {
  return d.steps.find((s) => s.stage === stage)?.on ?? null;
}

/**
 * Every rule of moving `d` to `to` on `on`, except the contacts (checkContactRows, on the rows fileRead brings).
 * Pure: the unit test walks it through every refusal.
 */
export function checkStep(d: Pick<PartyDevelopmentDoc, 'stage' | 'stageOn' | 'steps' | 'state'>, to: DevelopmentStage, on: string, today = parkDay()): void {
  if (d.state !== 'active') throw new AppError('CONFLICT', '该发展档案已终止，不能再办理。');
  const next = nextStage(d.stage);
  if (to !== next) {
    if (STAGES.indexOf(to) <= STAGES.indexOf(d.stage)) throw new AppError('CONFLICT', `当前已是“${d.stage}”，不能回到或重复“${to}”。`);
    throw new AppError('VALIDATION', `不能跳过步骤：当前为“${d.stage}”，下一步只能是“${next}”。`);
  }
  if (on > today) throw new AppError('VALIDATION', `${to}的日期 ${on} 晚于今天，请在实际通过后再登记。`);
  if (on < d.stageOn) throw new AppError('VALIDATION', `${to}的日期不能早于成为“${d.stage}”的日期（${cn(d.stageOn)}）。`);
  if (to === '发展对象') {
    const since = stageDay(d, '入党积极分子')!;
    const earliest = addYears(since, 1);
    if (on < earliest) throw new AppError('VALIDATION', `入党积极分子须培养考察满一年：${cn(since)}确定为积极分子，最早于${cn(earliest)}列为发展对象。`);
  }
  if (to === '正式党员') {
    const since = stageDay(d, '预备党员')!;
    const earliest = addYears(since, 1);
    if (on < earliest) throw new AppError('VALIDATION', `预备期为一年：${cn(since)}接收为预备党员，最早于${cn(earliest)}转为正式党员。`);
  }
}

/** 培养联系人: two distinct ids (pure; checkContactRows then checks them against the roster). */
export function distinctContacts(contacts: string[]): string[] {
  const ids = [...new Set(contacts)];
  if (ids.length !== 2) throw new AppError('VALIDATION', '培养联系人须为两名不同的党员。');
  return ids;
}

/** The roster rows of the contacts, as `fileRead` brings them (its `contactRows`). */
export type ContactRow = Pick<PartyMemberDoc, 'standing' | 'name' | 'branchId' | 'state'> & { _id: string };

/**
 * 培养联系人: two distinct members of the file's branch on the roster now (正式党员, as 细则 requires),
 * checked on the rows `fileRead` brought with the file (no read of its own). Answers the ids to store.
 */
export function checkContactRows(branchId: string, ids: string[], rows: ContactRow[]): string[] {
  const here = rows.filter((m) => ids.includes(m._id) && m.branchId === branchId && m.state === 'active');
  if (here.length !== 2) throw new AppError('VALIDATION', '培养联系人须为本支部花名册上的党员。');
  const probationary = here.find((m) => m.standing !== '正式');
  if (probationary) throw new AppError('VALIDATION', `培养联系人须为正式党员，${probationary.name}尚在预备期。`);
  return ids;
}

/** The roster row a file creates on 预备党员: a fixed id, so a second tap or a retry finds the row it made. */
export const rosterIdOf = (devId: string) => `pm-dev-${devId}`;

export interface FileRead {
  d: WithId<PartyDevelopmentDoc>;
  /** The branches the caller keeps (null = an admin, all). */
  kept: string[] | null;
  /** The rows of the contacts asked for (empty when none were). */
  contactRows: ContactRow[];
  /** The file's roster row (`rosterIdOf`), or null: made on 预备党员, written on 转正. */
  row: WithId<PartyMemberDoc> | null;
}

/**
 * The file with everything a write to it checks, in ONE read (issue 19; it was three): the caller's
 * kept branches, the contacts' roster rows when `contacts` are given, and — with `row` — the file's
 * roster row. The row is looked up by its fixed id (`rosterIdOf`): the only id a file's `memberId`
 * is ever given (advanceDevelopment writes it), and a point read where a join on `memberId` would
 * find nothing while it is still null (a row made by a call killed before the file's update).
 */
export async function fileRead(caller: Caller, id: string, opts: { contacts?: string[]; row?: boolean } = {}): Promise<FileRead> {
  const $ = cmd().aggregate;
  let q = col('partyDevelopment').aggregate().match({ _id: id }).lookup(keptLookup(caller));
  if (opts.contacts?.length) {
    const pick = $.pipeline().match({ _id: cmd().in(opts.contacts) }).project({ standing: 1, name: 1, branchId: 1, state: 1 }).limit(2).done();
    q = q.lookup({ from: 'partyMembers', let: {}, pipeline: pick, as: 'contactRows' });
  }
  if (opts.row) q = q.lookup({ from: 'partyMembers', let: {}, pipeline: $.pipeline().match({ _id: rosterIdOf(id) }).limit(1).done(), as: 'rows' });
  const { data } = (await q.limit(1).end()) as { data: (WithId<PartyDevelopmentDoc> & { kept?: { _id: string }[]; contactRows?: ContactRow[]; rows?: WithId<PartyMemberDoc>[] })[] };
  const found = data[0];
  if (!found) throw new AppError('NOT_FOUND', '没有这份发展档案，请返回后刷新。');
  const { kept, contactRows, rows, ...d } = found;
  return { d, kept: keptOf(caller, kept), contactRows: contactRows ?? [], row: rows?.[0] ?? null };
}

/** The file if the caller may read it: its branch's keeper, an admin, or the person (bound openid). */
export async function fileToRead(caller: Caller, id: string): Promise<WithId<PartyDevelopmentDoc>> {
  const [d] = (await col('partyDevelopment').doc(id).get()).data;
  // The same answer for "missing" and "not yours": a stranger learns nothing about who applied.
  if (!d) throw new AppError('NOT_FOUND', '没有这份发展档案，请返回后刷新。');
  if (d.openid && d.openid === caller.openid) return d;
  const kept = await keptBranches(caller);
  if (kept && !kept.includes(d.branchId)) throw new AppError('NOT_FOUND', '没有这份发展档案，请返回后刷新。');
  return d;
}
