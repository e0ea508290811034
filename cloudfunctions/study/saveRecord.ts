import * as z from 'zod';
import { action } from '../../server/core/router';
import { transaction } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { monthRange, parkMonth } from './calendar';
import { charCount, getTopic, idParam, markActivity, monthKey, monthParam, requireMember, standing } from './shared';
import { RECORD_MIN_RANGE } from './setTopic';

export const RECORD_MAX_CHARS = 5000;

/**
 * 自学记录: a member writes (or rewrites) this month's self-study record. The page sends the
 * month it was written for, so a text finished just after midnight on the 1st is refused
 * (CLOSED) instead of silently becoming next month's record; after the month ends in park
 * time it can no longer be changed.
 *
 * The record and the member's month row change in one transaction: completion figures (read
 * from the rows) never disagree with the records. One record per (group, month, person): the
 * key is the document id and a unique index.
 */
export const saveRecord = action({
  roles: ['member'],
  params: z.strictObject({ groupId: idParam, month: monthParam, content: z.string().trim().min(1, '请填写自学记录').max(RECORD_MAX_CHARS) }),
  async handler({ groupId, month, content }, { caller }) {
    if (month !== parkMonth()) throw new AppError('CLOSED', `${month} 的自学记录已截止，不能再修改；请撰写本月的自学记录。`);
    const [, topic] = await Promise.all([requireMember(caller, groupId), getTopic(groupId, month)]);
    const min = topic?.minRecordChars ?? RECORD_MIN_RANGE.default;
    const chars = charCount(content);
    if (chars < min) throw new AppError('VALIDATION', `自学记录至少 ${min} 字（不计空格），目前 ${chars} 字，请再补充一些学习体会。`);

    const id = monthKey(groupId, month, caller.openid);
    const now = new Date();
    const row = await transaction(async (tx) => {
      const record = (await tx.collection('studyRecords').doc(id).get()).data;
      if (record) await tx.collection('studyRecords').doc(id).update({ content, chars, updatedAt: now });
      else await tx.collection('studyRecords').add({ _id: id, groupId, month, openid: caller.openid, content, chars, createdAt: now, updatedAt: now });
      const progress = (await tx.collection('studyProgress').doc(id).get()).data;
      if (progress) {
        await tx.collection('studyProgress').doc(id).update({ recordChars: chars, recordAt: now, updatedAt: now });
        return { ...progress, recordChars: chars };
      }
      const fresh = { groupId, month, openid: caller.openid, readIds: [] as string[], recordChars: chars, recordAt: now, updatedAt: now };
      await tx.collection('studyProgress').add({ _id: id, ...fresh });
      return fresh;
    });
    await markActivity(caller.openid, now);
    return { chars, savedAt: now, editableUntil: monthRange(month).end, standing: standing(topic, row) };
  },
});
