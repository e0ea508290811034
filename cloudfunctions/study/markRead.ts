import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { parkMonth } from './calendar';
import { getTopic, idParam, markActivity, monthKey, monthParam, requireMember, standing } from './shared';

/**
 * 学习打卡: a member marks one material of this month's topic as studied. Idempotent
 * (`addToSet` on the member's month row), and the row is created by the first mark with a
 * deterministic id, so two taps at once leave one row with the material once. Past months are
 * closed: a mark belongs to the month it was made in.
 */
export const markRead = action({
  roles: ['member'],
  params: z.strictObject({ groupId: idParam, month: monthParam, materialId: z.string().regex(/^m[a-z0-9]{4,12}$/, '资料编号不正确') }),
  async handler({ groupId, month, materialId }, { caller }) {
    if (month !== parkMonth()) throw new AppError('CLOSED', '这个月的学习已结束，请学习本月专题。');
    const [, topic] = await Promise.all([requireMember(caller, groupId), getTopic(groupId, month)]);
    if (!topic?.materials.some((m) => m.id === materialId)) throw new AppError('NOT_FOUND', '这份资料已被书记调整，请返回刷新专题。');

    const id = monthKey(groupId, month, caller.openid);
    const now = new Date();
    const rows = col('studyProgress');
    const { updated } = await rows.where({ _id: id }).update({ readIds: cmd().addToSet(materialId), updatedAt: now });
    if (!updated) {
      try {
        await rows.add({ _id: id, groupId, month, openid: caller.openid, readIds: [materialId], recordChars: 0, recordAt: null, updatedAt: now });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await rows.where({ _id: id }).update({ readIds: cmd().addToSet(materialId), updatedAt: now });
      }
    }
    const [[p]] = await Promise.all([rows.doc(id).get().then((r) => r.data), markActivity(caller.openid, now)]);
    return { readIds: p?.readIds ?? [materialId], standing: standing(topic, p) };
  },
});
