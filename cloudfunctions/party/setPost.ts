import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam } from './roster';
import { keeperOfYear, memberIdParam, POST_KINDS, postId, yearParam } from './review';

const kindParam = z.enum(POST_KINDS, { message: '请选择先锋岗或示范岗' });

/**
 * 党员先锋岗 / 示范岗 (「一名党员一面旗」): designates a member for a year, with the post's title and
 * the enterprise where the post is (default: the member's employer on the roster). By the current
 * secretary of the branch the member's year belongs to, or an admin. One row per year, member and
 * kind (`${year}:${memberId}:${kind}`): designating again corrects the title, a set on the id.
 */
export const setPost = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    memberId: memberIdParam,
    year: yearParam,
    kind: kindParam,
    title: z.string().trim().min(2, '请填写岗位名称').max(30, '岗位名称不超过 30 字'),
    enterpriseId: idParam.nullable().optional(),
  }),
  async handler({ memberId, year, kind, title, enterpriseId }, ctx) {
    const [branchId, [member]] = await Promise.all([keeperOfYear(ctx.caller, memberId, year), col('partyMembers').doc(memberId).get().then((r) => r.data)]);
    if (!member) throw new AppError('NOT_FOUND', '没有找到这名党员，请返回后刷新。');
    const id = postId(year, memberId, kind);
    const row = { year, memberId, branchId, kind, title, enterpriseId: enterpriseId === undefined ? member.enterpriseId : enterpriseId, setBy: ctx.caller.openid, updatedAt: new Date() };
    await col('partyPosts').doc(id).set(row);
    await audit(ctx, { fn: 'party', action: 'setPost', target: `partyPosts/${id}`, before: null, after: { kind, title, enterpriseId: row.enterpriseId } });
    return { id, ...row, setBy: undefined };
  },
});

/** Takes a designation back (set by mistake, or the member left the post); audited. */
export const removePost = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ memberId: memberIdParam, year: yearParam, kind: kindParam }),
  async handler({ memberId, year, kind }, ctx) {
    await keeperOfYear(ctx.caller, memberId, year);
    const id = postId(year, memberId, kind);
    const { deleted } = await col('partyPosts').doc(id).remove();
    if (!deleted) throw new AppError('NOT_FOUND', '该党员本年度没有这项岗位，请刷新后查看。');
    await audit(ctx, { fn: 'party', action: 'removePost', target: `partyPosts/${id}`, before: { kind }, after: null });
    return { id, removed: true };
  },
});
