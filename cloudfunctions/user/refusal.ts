/**
 * Who may delete their data (删除我的数据) — one check, used by the deletion itself
 * (./erase.ts) and by 我的数据 (cloudfunctions/user/myData.ts) to show whether the button works.
 * A small module of its own so that 我的数据 does not load the erase code (and with it three
 * domains' cancel actions) for a role check.
 *
 * Refused: people holding a park position, and former experts whose expert profile
 * (`experts/<openid>`: name, organisation, their service records point at it) is still there —
 * their openid is in records about OTHER people, which a self-service deletion must not rewrite.
 */
import { col } from '../../server/core/db';
import type { Caller } from '../../server/core/caller';

export const STAFF_ROLES = ['admin', 'secretary', 'expert', 'instructor'] as const;

/** The reason (ready to show) why this caller may not delete their data yet, or null when they may. */
export async function erasureRefusal(caller: Caller): Promise<string | null> {
  if (STAFF_ROLES.some((r) => caller.is(r))) {
    return '您目前担任园区工作职务（管理员、支部书记、专家或指导员），相关记录涉及他人，请先联系党群服务中心解除职务后再删除数据。';
  }
  const expert = await col('experts').doc(caller.openid).get();
  if (expert.data.length) {
    return '您在园区仍有专家服务档案，相关服务记录涉及企业和他人，请先联系党群服务中心删除您的专家档案后再删除数据。';
  }
  return null;
}
