import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { parkMonth } from './calendar';
import { idParam, markActivity, memberMonth, monthKey, monthParam, standing } from './shared';

/**
 * 学习打卡: a member marks one material of this month's topic as studied. Idempotent
 * (`addToSet` on the member's month row), and the row is created by the first mark with a
 * deterministic id, so two taps at once leave one row with the material once. Past months are
 * closed: a mark belongs to the month it was made in.
 *
 * Database calls (issue 19; it was 8): the caller, one read (memberMonth: group, membership,
 * topic, whether the month row and the week's mark exist), one write of the row — an
 * updateAndReturn, which answers the marks it holds now, or the insert that creates it — and the
 * week's mark the first time in a week: 3, at most 4.
 */
export const markRead = action({
  roles: ['member'],
  params: z.strictObject({ groupId: idParam, month: monthParam, materialId: z.string().regex(/^m[a-z0-9]{4,12}$/, '资料编号不正确') }),
  async handler({ groupId, month, materialId }, { caller }) {
    if (month !== parkMonth()) throw new AppError('CLOSED', '这个月的学习已结束，请学习本月专题。');
    const now = new Date();
    const row = await memberMonth(groupId, month, caller.openid, now);
    const topic = row.topic[0] ?? null;
    if (!topic?.materials.some((m) => m.id === materialId)) throw new AppError('NOT_FOUND', '这份资料已被书记调整，请返回刷新专题。');

    const id = monthKey(groupId, month, caller.openid);
    const rows = col('studyProgress');
    const mark = async () => (await rows.where({ _id: id }).updateAndReturn({ readIds: cmd().addToSet(materialId), updatedAt: now })).doc;
    const create = async () => {
      const fresh = { groupId, month, openid: caller.openid, readIds: [materialId], recordChars: 0, recordAt: null, updatedAt: now };
      try {
        await rows.add({ _id: id, ...fresh });
        return fresh;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        return null; // created by a parallel call just now: mark it
      }
    };
    // The read says whether the row exists: that write first, the other if it finds otherwise.
    const [p] = await Promise.all([
      (async () => (row.progress.length ? ((await mark()) ?? (await create()) ?? (await mark())) : ((await create()) ?? (await mark()))))(),
      row.activity.length ? null : markActivity(caller.openid, now),
    ]);
    return { readIds: p?.readIds ?? [materialId], standing: standing(topic, p) };
  },
});
