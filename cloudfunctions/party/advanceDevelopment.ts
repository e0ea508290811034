import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, transaction, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { checkContacts, checkStep, fileAndKept, STAGES } from './development';
import { idParam } from './duesShared';
import { newRow, rosterStart } from './roster';
import { parkDay } from '../../server/core/time';
import type { DevelopmentStage, PartyDevelopmentDoc } from './docs';

const STALE = '该档案刚被他人办理过，请刷新后查看当前步骤。';

/** The roster row a file creates on 预备党员: a fixed id, so a retried transaction writes it once. */
export const rosterIdOf = (devId: string) => `pm-dev-${devId}`;

/**
 * 推进发展步骤: the next stage on the day it was decided. Checked here (development.ts) — order,
 * intervals, dates, contacts — and written conditioned on the stage read, so two taps (or two
 * secretaries) advance once and the second is told it was already done.
 *
 * 预备党员 puts the person on the roster: the 花名册 row (预备, 入党日期 = the step's day, bound to the
 * openid if known) carrying its stretch in the branch from that day or, for a step recorded after its
 * month ended, from the first day of this month (past months are never rewritten), and the file's
 * step — two documents, all or nothing, in one transaction of doc-addressed writes (STACK-NOTES: only
 * doc().get/set/update and add run inside one). The stretch is on the row (issue 19), so the
 * transaction writes two documents where it wrote three. A person already on the roster under the
 * same openid is refused (unique `uniq_bind`). 正式党员 turns the roster row 正式 with 转正日期, in
 * the same way (the row and the file: still two documents, still one transaction).
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
    const { d, kept } = await fileAndKept(ctx.caller, id);
    // 转正 writes the member's roster row, which a transfer may have moved to another branch since
    // 预备党员: the keeper of the row's branch decides, checked on the row inside the transaction
    // (rosterStep). Every other step writes the file only: the keeper of the file's branch.
    const byRow = to === '正式党员' && d.stage === '预备党员' && !!d.memberId;
    if (!byRow && kept && !kept.includes(d.branchId)) throw new AppError('FORBIDDEN', '只能管理本支部的党员台账。');
    checkStep(d, to, on);
    let keep = d.contacts;
    if (contacts?.length) keep = await checkContacts(d.branchId, contacts);
    if (to === '发展对象' && keep.length < 2) throw new AppError('VALIDATION', '列为发展对象前须确定两名培养联系人，请先填写。');
    const at = new Date();
    const step = { stage: to, on, by: ctx.caller.openid, at, note: note ?? null };
    // Only what this step owns: the stage (conditioned on the one read) and the contacts when this
    // call names them. Writing back the contacts it read would undo a setDevelopmentContacts that
    // landed between the read and the write (a lost update).
    const patch: Partial<PartyDevelopmentDoc> = { stage: to, stageOn: on, updatedAt: at, ...(contacts?.length ? { contacts: keep } : {}) };

    let memberId = d.memberId;
    if (to === '预备党员' || to === '正式党员') {
      memberId = await rosterStep(d, kept, to, on, patch, step);
    } else {
      const { updated } = await col('partyDevelopment')
        .where({ _id: id, stage: d.stage, state: 'active' })
        .update({ ...patch, steps: cmd().push([step]) });
      if (!updated) throw new AppError('CONFLICT', STALE);
    }
    await audit(ctx, { fn: 'party', action: 'advanceDevelopment', target: `partyDevelopment/${id}`, before: { stage: d.stage, stageOn: d.stageOn }, after: { stage: to, stageOn: on, contacts: keep, memberId } });
    return { id, stage: to, stageOn: on, memberId, contacts: keep };
  },
});

async function rosterStep(
  d: WithId<PartyDevelopmentDoc>,
  kept: string[] | null,
  to: '预备党员' | '正式党员',
  on: string,
  patch: Partial<PartyDevelopmentDoc>,
  step: PartyDevelopmentDoc['steps'][number],
): Promise<string> {
  const memberId = d.memberId ?? rosterIdOf(d._id);
  try {
    await transaction(async (tx) => {
      const { data: cur } = await tx.collection('partyDevelopment').doc(d._id).get();
      if (!cur || cur.stage !== d.stage || cur.state !== 'active') throw new AppError('CONFLICT', STALE);
      const at = step.at;
      if (to === '预备党员') {
        // 入党日期 is the step's day, but the stretch (which months the member counts in) starts no
        // earlier than this month, like every row entered without a transfer (rosterStart): a step
        // recorded late must not add a member to months already reported.
        const start = rosterStart(parkDay(at));
        const facts = {
          name: cur.name, standing: '预备' as const, joinedOn: on, confirmedOn: null, enterpriseId: cur.enterpriseId,
          relation: '已转入' as const, relationHeldAt: null, phone: null,
        };
        const row = newRow(memberId, facts, cur.branchId, on > start ? on : start, cur.openid, at);
        await tx.collection('partyMembers').add({ _id: memberId, ...row });
      } else {
        const { data: member } = await tx.collection('partyMembers').doc(memberId).get();
        if (!member) throw new AppError('NOT_FOUND', '花名册中找不到此人，请联系党务管理员。');
        if (member.state !== 'active') throw new AppError('CONFLICT', '此人已转出园区，请由接收党组织办理转正。');
        if (kept && !(member.branchId && kept.includes(member.branchId))) throw new AppError('FORBIDDEN', '此人的组织关系已转至其他支部，请由其现在所在支部的书记办理转正。');
        await tx.collection('partyMembers').doc(memberId).update({ standing: '正式', confirmedOn: on, updatedAt: at });
      }
      await tx.collection('partyDevelopment').doc(d._id).update({ ...patch, memberId, steps: cmd().push([step]) });
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      // Our own fixed ids: another tap got there first. Otherwise the openid is on the roster already.
      const [now] = (await col('partyDevelopment').doc(d._id).get()).data;
      if (now && now.stage !== d.stage) throw new AppError('CONFLICT', STALE);
      throw new AppError('CONFLICT', '此人已在党员花名册中（同一微信用户只能有一条记录），请核对后再办理。');
    }
    throw err;
  }
  return memberId;
}
