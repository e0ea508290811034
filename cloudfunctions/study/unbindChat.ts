import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './shared';
import { requireKeeper } from './groupAdmin';

/**
 * A group's manager unbinds WeChat chats from it (G-13: a chat bound by mistake — the secretary
 * opened the card in a family group — stayed bound for ever). Without `chatId` every chat of the
 * group is unbound (the usual case: the manager cannot tell chats apart by their opaque ids; they
 * then open the card once in the right chat to bind it again, joinByShare); with it, that one
 * binding, and only if it is this group's. Memberships made through the chat stay: people are
 * removed one by one (removeMember). Each binding is one document, so the removal is the
 * condition; the chat count moves by what was actually removed.
 * Round trips: the caller, one aggregation, the removal, the count, the audit — 5.
 */
export const unbindChat = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, chatId: z.string().trim().min(1).max(200).optional() }),
  async handler({ groupId, chatId }, ctx) {
    await requireKeeper(ctx.caller, groupId);
    const { deleted } = await col('studyChats').where(chatId ? { _id: chatId, groupId } : { groupId }).remove();
    if (!deleted) throw new AppError('NOT_FOUND', chatId ? '该微信群没有绑定本小组，请刷新后查看。' : '本小组没有绑定微信群。');
    await col('studyGroups').doc(groupId).update({ chatCount: cmd().inc(-deleted), updatedAt: new Date() });
    await audit(ctx, { fn: 'study', action: 'unbindChat', target: `studyGroups/${groupId}`, before: { chats: deleted, chatId: chatId ?? null }, after: { chats: 0 } });
    return { unbound: deleted };
  },
});
