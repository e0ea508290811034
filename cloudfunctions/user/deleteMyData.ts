import * as z from 'zod';
import { action } from '../../server/core/router';
import { eraseMyData } from './erase';

/**
 * 删除我的数据: the caller's own data only (everything is selected by the caller's openid). What is
 * deleted, cancelled, kept anonymised and why: cloudfunctions/user/erase.ts. Safe to retry.
 * `confirm: true` is required so that no client can trigger it by an empty or stray call.
 */
export const deleteMyData = action({
  roles: 'anyone',
  params: z.strictObject({ confirm: z.literal(true, { message: '请确认删除' }) }),
  async handler(_params, ctx) {
    const r = await eraseMyData(ctx);
    return { done: true as const, cancelled: r.cancelled, kept: r.kept, deleted: r.deleted, anonymised: r.anonymised };
  },
});
