import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { UserDoc } from '../../server/core/schema';
import { ALREADY_ON_ROSTER, checkEnrolment, enrolParams, memberIds, writeEnrolment, type PartyMemberDoc } from '../party/public';
import { openidParam } from './shared';

const HANDLED = '该申请已被处理，请刷新列表。';

type Application = WithId<UserDoc> & {
  appliedAt?: Date | string | null;
  branch: { secretaryOpenid?: string | null }[];
  /** The roster row bound to the applicant, if any (one at most: the unique bindKey). */
  bound: WithId<PartyMemberDoc>[];
  /** The row the secretary picked to link (`memberId`), if any. */
  linked: WithId<PartyMemberDoc>[];
};

/** The applicant, their branch's secretary, the row bound to them and the row to link: ONE aggregation. */
async function readApplication(openid: string, memberId: string | undefined): Promise<Application | null> {
  const $ = cmd().aggregate;
  const { data } = (await col('users')
    .aggregate()
    .match({ _id: openid })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
    .lookup({ from: 'partyMembers', let: {}, pipeline: $.pipeline().match({ bindKey: openid }).limit(1).done(), as: 'bound' })
    .lookup({ from: 'partyMembers', let: {}, pipeline: $.pipeline().match({ _id: memberId ?? '' }).limit(1).done(), as: 'linked' })
    .limit(1)
    .end()) as { data: Application[] };
  return data[0] ?? null;
}

/**
 * The applicant's branch secretary (or an admin) approves or rejects.
 *
 * Approval puts the applicant on the 党员花名册: either linked to an unbound row of the branch the
 * secretary picks (`memberId`, someone already registered who now binds their WeChat) or on a new
 * row (with `standing`, `joinedOn`… when the secretary knows them; without, the row waits to be
 * completed).
 *
 * Round trips (issue 19; before: 10 approving, 9 by an admin, 8 rejecting — a transaction: start,
 * the user read, two inserts, the user update, commit — behind the applicant's and the branch's
 * reads):
 *   the caller; ONE aggregation (the applicant, their branch's secretary, the row bound to them,
 *   the row to link); then
 *   - rejected: the decision, the audit row                                  → 4
 *   - linked:   the row bound (conditional), the decision, the audit row       → 5
 *   - new row:  the row (its first stretch on it), the decision, the audit row → 5
 *
 * The protocol (a saga instead of the transaction). The user document decides, once: ONE
 * conditional update `where memberStatus = 'pending' and branchId = the application's` — two
 * secretaries tapping at once, or one approving and one rejecting, land exactly one decision; the
 * other is told it was already handled. An approval writes the roster first and decides last, so
 * no approved member is ever without their row:
 *   1. the row, bound to the applicant, under an id derived from the application
 *      (memberIds.forApplication(openid, appliedAt)) — or the picked row bound, conditional on
 *      being unbound, active and of the branch (the new row: party/enrol.ts writeEnrolment);
 *   2. the decision; 3. the audit row.
 * A decision that loses (someone decided meanwhile) takes its row back unless the applicant ended
 * approved (then the row is the winner's: the unique bindKey lets only one row be bound to them).
 * A call killed after 1 leaves a bound row and a pending applicant, still in the secretary's list:
 * approving again finds the row under the same id and completes; rejecting removes it (the
 * aggregation sees it bound). For a moment the row is on the roster before its approval lands.
 * Killed after 2, the audit row is missing (as it was after the transaction's commit).
 */
export const approveMember = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ openid: openidParam, approve: z.boolean(), ...enrolParams }),
  async handler({ openid, approve, ...roster }, ctx) {
    // Nobody decides their own application (lifecycle L-04): another secretary or an admin must.
    if (openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能审批自己的入党申请，请由党务管理员审批。');
    const a = await readApplication(openid, roster.memberId);
    if (!a) throw new AppError('NOT_FOUND', '该用户尚未使用过小程序，请让其先打开一次。');
    if (a.memberStatus !== 'pending' || !a.branchId) {
      throw new AppError('CONFLICT', '该申请已处理或已撤回，请刷新列表。');
    }
    const branchId = a.branchId;
    if (!ctx.caller.is('admin') && a.branch[0]?.secretaryOpenid !== ctx.caller.openid) throw new AppError('FORBIDDEN', '只能审批本支部的党员申请。');
    const enrolment = { openid, branchId, name: a.profile?.name ?? '', enterpriseId: a.enterpriseId ?? null, ...roster };
    if (approve) checkEnrolment(enrolment);

    const _ = cmd();
    const at = new Date();
    const appliedAtMs = a.appliedAt ? new Date(a.appliedAt).getTime() : 0;
    const rowId = memberIds.forApplication(openid, appliedAtMs);
    const bound = a.bound[0] ?? null;
    // A row of this very application, left by an approval killed before it decided.
    const leftover = bound && bound._id === rowId ? bound : null;
    const decide = (change: Record<string, unknown>) => col('users').where({ _id: openid, memberStatus: 'pending', branchId }).update({ ...change, updatedAt: at });

    if (!approve) {
      if (!(await decide({ memberStatus: 'rejected' })).updated) throw new AppError('CONFLICT', HANDLED);
      // Only once the rejection has landed: before, an approval could still decide on that row.
      if (leftover) await takeBack(openid, leftover._id);
      await audit(ctx, { fn: 'user', action: 'approveMember', target: `users/${openid}`, before: { memberStatus: 'pending' }, after: { memberStatus: 'rejected', memberId: null } });
      return { openid, memberStatus: 'rejected' as const, memberId: null };
    }

    let memberId: string;
    if (roster.memberId) {
      memberId = roster.memberId;
      const m = a.linked[0];
      if (!m || m.branchId !== branchId || m.state !== 'active') throw new AppError('NOT_FOUND', '花名册中没有这条本支部的记录，请刷新后重新选择。');
      if (m.openid && m.openid !== openid) throw new AppError('CONFLICT', '这条花名册记录已关联了其他微信用户，请选择其他记录或新建。');
      if (bound && bound._id !== memberId) throw new AppError('CONFLICT', ALREADY_ON_ROSTER);
      if (!m.openid) {
        try {
          const { updated } = await col('partyMembers').where({ _id: memberId, openid: null, branchId, state: 'active' }).update({ openid, bindKey: openid, updatedAt: at });
          if (!updated) throw new AppError('CONFLICT', '这条花名册记录已关联了其他微信用户，请选择其他记录或新建。');
        } catch (err) {
          if (isDuplicateKey(err)) throw new AppError('CONFLICT', ALREADY_ON_ROSTER);
          throw err;
        }
      }
    } else {
      if (bound && !leftover) throw new AppError('CONFLICT', ALREADY_ON_ROSTER);
      memberId = (await writeEnrolment(enrolment, rowId, at)).memberId;
    }

    if (!(await decide({ memberStatus: 'approved', roles: _.addToSet('member') })).updated) {
      const [now] = (await col('users').doc(openid).get()).data;
      if (now?.memberStatus !== 'approved') {
        if (roster.memberId) await col('partyMembers').where({ _id: memberId, openid }).update({ openid: null, bindKey: `row:${memberId}`, updatedAt: new Date() });
        else await takeBack(openid, memberId);
      }
      throw new AppError('CONFLICT', HANDLED);
    }
    await audit(ctx, { fn: 'user', action: 'approveMember', target: `users/${openid}`, before: { memberStatus: 'pending' }, after: { memberStatus: 'approved', memberId } });
    return { openid, memberStatus: 'approved' as const, memberId };
  },
});

/** Removes a row this protocol made for `openid` (still bound to them); its stretches are on it. */
async function takeBack(openid: string, memberId: string): Promise<void> {
  await col('partyMembers').where({ _id: memberId, bindKey: openid }).remove();
}
