import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { quarterLabel } from './scoring';
import { PAYOUT_STATE_LABEL } from './payouts';

/**
 * 我的红星津贴: the caller's own payout rows — by their openid, or a roster row bound to them since
 * it was added. Nobody else's: there is no parameter naming a person (admins use listPayouts).
 */
export const myPayouts = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_p, ctx) {
    const _ = cmd();
    const { data: rosterRows } = await col('partyMembers').where({ openid: ctx.caller.openid }).field({ _id: true }).limit(20).get();
    const mine = rosterRows.length ? _.or([{ openid: ctx.caller.openid }, { memberId: _.in(rosterRows.map((m) => m._id)) }]) : { openid: ctx.caller.openid };
    const { data } = await col('allowancePayouts').where(mine).orderBy('quarter', 'desc').limit(200).get();
    return data.map((r) => ({
      id: r._id, quarter: r.quarter, label: quarterLabel(r.quarter), branchName: r.branchName, stars: r.stars, amount: r.amount,
      state: r.state, stateLabel: PAYOUT_STATE_LABEL[r.state], paidOn: r.paidOn,
    }));
  },
});
