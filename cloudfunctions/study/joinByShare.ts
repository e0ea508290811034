import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import type { Caller } from '../../server/core/caller';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { resolveGroupShare } from '../../server/core/openData';
import { groupSummary, idParam, managesGroup, memberKey } from './shared';
import { addMember, refusalGiven } from './membership';
import { CLOSED_GROUP, isClosed } from './groupAdmin';
import type { StudyChatDoc, StudyGroupDoc } from './docs';

/**
 * The group, whether the caller manages it (its branch's secretary), the chat's binding, the
 * caller's roster branch today and whether they are already in the group — ONE aggregation
 * (issue 19: four or five reads before).
 */
async function groupForShare(caller: Caller, groupId: string, chatId: string) {
  const _ = cmd();
  const $ = _.aggregate;
  const { data } = (await col('studyGroups')
    .aggregate()
    .match({ _id: groupId })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
    .lookup({ from: 'studyChats', let: {}, pipeline: $.pipeline().match({ _id: chatId }).limit(1).done(), as: 'binding' })
    // The caller's active roster row (membership.ts → currentBranchOf): whom a branch group takes.
    .lookup({ from: 'partyMembers', let: {}, pipeline: $.pipeline().match({ openid: caller.openid, state: 'active' }).project({ _id: 0, branchId: 1 }).limit(1).done(), as: 'roster' })
    // The caller's membership row, if any: a member already in the group (the secretary who
    // created it and now binds its chat, a member opening the card again) costs no insert.
    .lookup({ from: 'studyMembers', let: {}, pipeline: $.pipeline().match({ _id: memberKey(groupId, caller.openid) }).project({ _id: 1 }).limit(1).done(), as: 'membership' })
    .limit(1)
    .end()) as { data: (WithId<StudyGroupDoc> & { branch: { secretaryOpenid?: string | null }[]; binding: WithId<StudyChatDoc>[]; roster: { branchId?: string | null }[]; membership: { _id: string }[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '学习小组不存在或已解散，请返回刷新。');
  const { branch, binding, roster, membership, ...group } = row;
  return {
    group: group as WithId<StudyGroupDoc>,
    manager: managesGroup(caller, group, branch[0]?.secretaryOpenid ?? null),
    binding: binding[0] ?? null,
    refusal: refusalGiven(group, roster[0]?.branchId ?? null),
    member: membership.length > 0,
  };
}

/**
 * Adds the caller unless the aggregation already saw their row. Not a read-then-write: when the
 * row was absent the insert is still guarded by the row's unique id (`addMember` answers
 * 'already' to a racing duplicate); when it was present there is nothing to write, and a removal
 * racing this call is ordered before it either way.
 */
const join = (groupId: string, openid: string, already: boolean) => (already ? Promise.resolve('already' as const) : addMember(groupId, openid, 'share'));

/**
 * Opening the group's card inside a WeChat group chat. The card carries the study group's id;
 * the chat is proven by WeChat's open data (`share`, see server/core/openData.ts for how it is
 * exchanged and why a client-made `data` is never believed).
 *
 *   chat bound to this group        → the member joins (`joined` / `already`);
 *   chat bound to another group     → CONFLICT, nothing written (the card was forwarded elsewhere);
 *   chat not bound, caller manages  → the chat is bound to this group (`bound`), and a manager who
 *                                     is a member joins too — "the first secretary who opens it";
 *   chat not bound, plain member    → CLOSED, nothing written (use the invite code meanwhile);
 *   chat bound here, manager but no member (an admin) → `linked`, nothing to join.
 *
 * A branch group takes only its own branch's members (membership.ts): a member of another branch
 * opening the card is refused with the reason, whatever the chat.
 *
 * A chat binds to one group only: the binding's `_id` is the chat, so two managers binding the
 * same chat at once produce one binding; the loser is answered as if the chat had been bound.
 *
 * Round trips (issue 19; five to eight before): a member joining through a bound chat makes three
 * (the caller, one aggregation — which also says whether they are in the group already — and the
 * membership insert; two when they already are). The manager who binds a chat, once per chat:
 * the caller, the aggregation, the binding, the group's chat count, the audit row — 5 — plus their
 * own membership insert only when they are a member not yet in the group (a group an admin created
 * for their branch): 6 then. Not folded further: the binding's unique id is what makes "one group
 * per chat", the count is the group's document and the audit row its own, each one write.
 */
export const joinByShare = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({
    groupId: idParam,
    share: z.strictObject({
      cloudID: z.string().trim().min(1).max(512),
      // Present after the replacement; what it says is checked, never simply believed.
      data: z.unknown().optional(),
      errCode: z.number().optional(),
      errMsg: z.string().max(500).optional(),
    }),
  }),
  async handler({ groupId, share }, ctx) {
    const { caller } = ctx;
    const proof = await resolveGroupShare(share);
    const chatId = `chat:${proof.openGId}`;
    const access = await groupForShare(caller, groupId, chatId);
    // A closed group binds no chat and takes nobody (G-13).
    if (isClosed(access.group)) throw new AppError('CLOSED', CLOSED_GROUP);
    let binding = access.binding;

    if (!binding) {
      if (!access.manager) {
        throw new AppError('CLOSED', '这个微信群还没有绑定学习小组，请支部书记先在群里点开一次小组卡片；您也可以用邀请码加入。');
      }
      try {
        await col('studyChats').add({ _id: chatId, groupId, openGId: proof.openGId, boundBy: caller.openid, boundAt: new Date() });
        await col('studyGroups').doc(groupId).update({ chatCount: cmd().inc(1), updatedAt: new Date() });
        await audit(ctx, { fn: 'study', action: 'bindChat', target: `studyGroups/${groupId}`, before: null, after: { chat: chatId } });
        // A manager of another branch (an admin) binds the chat but does not join a branch group.
        const joined = caller.is('member') && !access.refusal ? await join(groupId, caller.openid, access.member) : null;
        return { status: 'bound' as const, joined, group: groupSummary(access.group) };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        [binding] = (await col('studyChats').doc(chatId).get()).data;
        if (!binding) throw new AppError('CONFLICT', '绑定未完成，请重新点开小组卡片。');
      }
    }

    if (binding.groupId !== groupId) {
      throw new AppError('CONFLICT', '这个微信群绑定的是另一个学习小组，请在本小组对应的微信群中点开卡片，或使用邀请码加入。');
    }
    if (!caller.is('member')) {
      // An admin who is no member: the chat already belongs to this group, nothing to join.
      if (access.manager) return { status: 'linked' as const, joined: null, group: groupSummary(access.group) };
      throw new AppError('FORBIDDEN', '学习小组面向党员，您的账号还不是已认证党员。');
    }
    if (access.refusal) throw new AppError('FORBIDDEN', access.refusal);
    const status = await join(groupId, caller.openid, access.member);
    return { status, joined: status, group: groupSummary(access.group) };
  },
});
