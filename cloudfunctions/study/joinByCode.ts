import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { spendAttempt, type RateLimit } from '../../server/core/rateLimit';
import { codeParam, groupSummary } from './shared';
import { addMember, requireMayJoin } from './membership';
import { CLOSED_GROUP, isClosed } from './groupAdmin';

/**
 * A Party member joins a study group with the code its secretary handed out — a branch group only
 * if they are on that branch's roster today (membership.ts), a topic group whatever their branch. Exactly once by
 * the database (membership `_id` and a unique (groupId, openid) index): a second join, or two
 * taps at once, answer `already` instead of an error — the person IS a member.
 */
/**
 * A member joins a few groups; ten tries in ten minutes cover typos and cap a guesser far below
 * 2^40 codes. `firstTry`: a join is usually the person's only attempt in its window, so the
 * window's counter is created first (4 database calls, not 5).
 */
const JOIN_TRIES: RateLimit = { scope: 'joinByCode', max: 10, windowMinutes: 10, firstTry: true };

export const joinByCode = action({
  roles: ['member'],
  params: z.strictObject({ code: codeParam }),
  async handler({ code }, { caller }) {
    await spendAttempt(caller.openid, JOIN_TRIES);
    const { data } = await col('studyGroups').where({ inviteCode: code }).limit(1).get();
    const group = data[0];
    if (!group) throw new AppError('NOT_FOUND', '邀请码不正确或已更换，请向支部书记确认最新的邀请码。');
    if (isClosed(group)) throw new AppError('CLOSED', CLOSED_GROUP);
    // A branch group only takes its own branch's members (one roster read; topic groups need none).
    await requireMayJoin(group, caller.openid);
    const status = await addMember(group._id, caller.openid, 'code');
    return { status, group: groupSummary(group) };
  },
});
