import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { checkContactRows, checkStep, distinctContacts, fileRead, rosterIdOf, STAGES } from './development';
import { idParam } from './duesShared';
import { newRow, rosterStart } from './roster';
import { keeps } from './transfers';
import { parkDay } from '../../server/core/time';
import type { DevelopmentStage, PartyDevelopmentDoc, PartyMemberDoc } from './docs';

const STALE = '该档案刚被他人办理过，请刷新后查看当前步骤。';

const cn = (day: string) => `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/**
 * 推进发展步骤: the next stage on the day it was decided. Checked here (development.ts) — order,
 * intervals, dates, contacts — and written conditioned on the stage read, so two taps (or two
 * secretaries) advance once and the second is told it was already done.
 *
 * 预备党员 puts the person on the roster: the 花名册 row (预备, 入党日期 = the step's day, bound to the
 * openid if known) carrying its stretch in the branch from that day or, for a step recorded after its
 * month ended, from the first day of this month (past months are never rewritten). A person already
 * on the roster under the same openid is refused (unique `uniq_bind`) and nothing is written. 正式党员
 * turns the roster row 正式 with 转正日期, decided by the keeper of the branch the row is in NOW (a
 * transfer may have moved it since 预备党员).
 *
 * Two documents without a transaction (issue 19; the model is transfers.ts). The ROW decides and is
 * written first; the file's step follows:
 *   - 预备党员: the row is inserted under the file's fixed id (`rosterIdOf`): a unique _id, so a file
 *     makes its row once, and the uniq_bind refusal comes before anything is written (all or
 *     nothing, as before). Then the file's conditional update (stage as read → 预备党员, memberId, the
 *     step). A second tap that loses the insert to our own id is told STALE.
 *   - 正式党员: the row's conditional update (standing 预备 → 正式, still active, still in the branch
 *     whose keeper was checked) decides once; then the file's conditional update.
 * A call killed between the two writes (the platform's timeout, a lost instance) leaves the row
 * right — the roster, the months and the dues never disagree with it — and the file one step
 * behind. Tapping the same step again completes it: the read brings the row, sees it already made
 * (or already 正式) for this file, and writes only the file's step, with the row's date (a tap with
 * another date is refused and told the row's, so the file never says what the roster does not).
 * The cost: until that tap the file shows the previous stage while the row is on the roster
 * (withdrawDevelopment refuses such a file, so it is not closed beside its row). One race is left
 * open that the transaction closed: a withdrawal landing between this call's read and its row's
 * insert leaves a withdrawn file beside a 预备 row — two secretaries acting on one file within a
 * fraction of a second; the row stands and is a roster matter like any other.
 *
 * Database round trips (issue 19; before: 5, 6 naming contacts, 9 on 预备党员, 10 on 转正 — a
 * transaction is start + commit + one per call): the caller's user record; ONE read (the file, the
 * caller's kept branches, the contacts' rows when named, the file's roster row on 预备党员/正式党员:
 * development.ts fileRead); the row's insert or conditional update (预备党员/正式党员 only); the file's
 * conditional update; the audit row. At most 5; a completing tap 4.
 */
export const advanceDevelopment = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    id: idParam,
    to: z.enum(STAGES as [DevelopmentStage, ...DevelopmentStage[]]),
    on: dayParam,
    contacts: z.array(idParam).max(2).optional(),
    note: z.string().trim().max(500).optional(),
  }),
  async handler({ id, to, on, contacts, note }, ctx) {
    const onRoster = to === '预备党员' || to === '正式党员';
    const { d, kept, contactRows, row } = await fileRead(ctx.caller, id, { contacts: contacts?.length ? [...new Set(contacts)] : undefined, row: onRoster });
    // 转正 writes the member's roster row, which a transfer may have moved to another branch since
    // 预备党员: the keeper of the row's branch decides (confirm). Every other step writes the file
    // (and 预备党员 a row in the file's branch): the keeper of the file's branch.
    const byRow = to === '正式党员' && d.stage === '预备党员' && !!d.memberId;
    if (!byRow && kept && !kept.includes(d.branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
    checkStep(d, to, on);
    let keep = d.contacts;
    if (contacts?.length) keep = checkContactRows(d.branchId, distinctContacts(contacts), contactRows);
    if (to === '发展对象' && keep.length < 2) throw new AppError('VALIDATION', '列为发展对象前须确定两名培养联系人，请先填写。');
    const at = new Date();
    const step = { stage: to, on, by: ctx.caller.openid, at, note: note ?? null };
    // Only what this step owns: the stage (conditioned on the one read) and the contacts when this
    // call names them. Writing back the contacts it read would undo a setDevelopmentContacts that
    // landed between the read and the write (a lost update).
    const patch: Partial<PartyDevelopmentDoc> = { stage: to, stageOn: on, updatedAt: at, ...(contacts?.length ? { contacts: keep } : {}) };

    let memberId = d.memberId;
    if (to === '预备党员') memberId = await admit(d, row, on, at);
    else if (to === '正式党员') memberId = await confirm(d, row, kept, on, at);
    const { updated } = await col('partyDevelopment')
      .where({ _id: id, stage: d.stage, state: 'active' })
      .update({ ...patch, ...(onRoster ? { memberId } : {}), steps: cmd().push([step]) });
    if (!updated) throw new AppError('CONFLICT', STALE);
    await audit(ctx, { fn: 'party', action: 'advanceDevelopment', target: `partyDevelopment/${id}`, before: { stage: d.stage, stageOn: d.stageOn }, after: { stage: to, stageOn: on, contacts: keep, memberId } });
    return { id, stage: to, stageOn: on, memberId, contacts: keep };
  },
});

/**
 * 预备党员's first write: the row, inserted under the file's fixed id. When the read found it already
 * there (an earlier tap died before the file's update), nothing is written here: the caller writes
 * the file's step. Answers the row's id.
 */
async function admit(d: WithId<PartyDevelopmentDoc>, row: WithId<PartyMemberDoc> | null, on: string, at: Date): Promise<string> {
  const memberId = rosterIdOf(d._id);
  if (row) {
    if (row.joinedOn !== on) throw new AppError('CONFLICT', `此人已于上次办理时以入党日期${cn(row.joinedOn ?? on)}登入花名册，档案尚未更新：请以该日期再次提交（日期如有误，完成后在花名册中更正）。`);
    return memberId;
  }
  // 入党日期 is the step's day, but the stretch (which months the member counts in) starts no
  // earlier than this month, like every row entered without a transfer (rosterStart): a step
  // recorded late must not add a member to months already reported.
  const start = rosterStart(parkDay(at));
  const facts = {
    name: d.name, standing: '预备' as const, joinedOn: on, confirmedOn: null, enterpriseId: d.enterpriseId,
    relation: '已转入' as const, relationHeldAt: null, phone: null,
  };
  try {
    await col('partyMembers').add({ _id: memberId, ...newRow(memberId, facts, d.branchId, on > start ? on : start, d.openid, at) });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // Our own fixed id: another tap made the row a moment ago (and writes the file). Otherwise the
    // openid is on the roster already (uniq_bind). One read, on this refusal only.
    const [mine] = (await col('partyMembers').doc(memberId).get()).data;
    if (mine) throw new AppError('CONFLICT', STALE);
    throw new AppError('CONFLICT', '此人已在党员花名册中（同一微信用户只能有一条记录），请核对后再办理。');
  }
  return memberId;
}

/**
 * 转正's first write: the row turned 正式, conditioned on it still being 预备, active and in the branch
 * whose keeper was checked — decided once. A row already 正式 on this day (an earlier tap died before
 * the file's update) is left as it is: the caller writes the file's step. Answers the row's id.
 */
async function confirm(d: WithId<PartyDevelopmentDoc>, row: WithId<PartyMemberDoc> | null, kept: string[] | null, on: string, at: Date): Promise<string> {
  if (!row || row._id !== d.memberId) throw new AppError('NOT_FOUND', '花名册中找不到此人，请联系党务管理员。');
  const done = row.standing === '正式';
  if (done && row.confirmedOn !== on) throw new AppError('CONFLICT', `花名册中此人已于${cn(row.confirmedOn ?? on)}转为正式党员，档案尚未更新：请以该日期再次提交。`);
  if (!done && row.state !== 'active') throw new AppError('CONFLICT', '此人已转出园区，请由接收党组织办理转正。');
  if (!keeps(kept, row)) throw new AppError('FORBIDDEN', '此人的组织关系已转至其他支部，请由其现在所在支部的书记办理转正。');
  if (done) return row._id;
  const { updated } = await col('partyMembers')
    .where({ _id: row._id, standing: '预备', state: 'active', branchId: row.branchId })
    .update({ standing: '正式', confirmedOn: on, updatedAt: at });
  if (!updated) throw new AppError('CONFLICT', STALE);
  return row._id;
}
