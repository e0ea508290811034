import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { monthRange, parkMonth } from './calendar';
import { charCount, idParam, markActivity, memberMonth, monthKey, monthParam, standing } from './shared';
import { RECORD_MIN_RANGE } from './setTopic';
import type { StudyProgressDoc } from './docs';

export const RECORD_MAX_CHARS = 5000;

/**
 * 自学记录: a member writes (or rewrites) this month's self-study record. The page sends the
 * month it was written for, so a text finished just after midnight on the 1st is refused
 * (CLOSED) instead of silently becoming next month's record; after the month ends in park
 * time it can no longer be changed. One record per (group, month, person): the key is the
 * document id and a unique index.
 *
 * Database calls: the caller, one read (groupMonth), the record, the month row — and the week's
 * study mark the first time in a week: 4, at most 5 (issue 19; it was 11).
 *
 * No transaction any more. It kept the record and the member's month row (`recordChars`, what the
 * completion figures count) changing together, at five round trips of its own (start, two reads,
 * commit, and the writes). Neither holds an invariant another person could break: both are the
 * caller's own documents under fixed ids, so two saves at once simply leave the later text, and
 * the written order — the record first, then the row — makes the only crash window a row that lags
 * its record: the figures count this person as not yet recorded until their next save, never the
 * other way round (a record counted that does not exist).
 */
export const saveRecord = action({
  roles: ['member'],
  params: z.strictObject({ groupId: idParam, month: monthParam, content: z.string().trim().min(1, '请填写自学记录').max(RECORD_MAX_CHARS) }),
  async handler({ groupId, month, content }, { caller }) {
    if (month !== parkMonth()) throw new AppError('CLOSED', `${month} 的自学记录已截止，不能再修改；请撰写本月的自学记录。`);
    const now = new Date();
    const row = await memberMonth(groupId, month, caller.openid, now);
    const topic = row.topic[0] ?? null;
    const min = topic?.minRecordChars ?? RECORD_MIN_RANGE.default;
    const chars = charCount(content);
    if (chars < min) throw new AppError('VALIDATION', `自学记录至少 ${min} 字（不计空格），目前 ${chars} 字，请再补充一些学习体会。`);

    const id = monthKey(groupId, month, caller.openid);
    // Replaced whole (one call, created or not): the first save's createdAt is carried over.
    await col('studyRecords').doc(id).set({ groupId, month, openid: caller.openid, content, chars, createdAt: row.record[0]?.createdAt ?? now, updatedAt: now });
    const seen = row.progress[0];
    await Promise.all([
      saveRowChars(id, { groupId, month, openid: caller.openid }, chars, now, !!seen),
      // A week is marked once: a mark already there is not written again (its `at` is the week's
      // first study; nothing reads more than the week).
      row.activity.length ? null : markActivity(caller.openid, now),
    ]);
    return { chars, savedAt: now, editableUntil: monthRange(month).end, standing: standing(topic, { readIds: seen?.readIds ?? [], recordChars: chars }) };
  },
});

/**
 * The month row's record length: an update of the row, or its creation — whichever `exists` (as
 * read) says comes first; the other follows if the first finds nothing (a row a parallel markRead
 * just created, or one not there after all). Never a replace: markRead adds to `readIds` meanwhile.
 */
async function saveRowChars(id: string, key: Pick<StudyProgressDoc, 'groupId' | 'month' | 'openid'>, chars: number, now: Date, exists: boolean): Promise<void> {
  const rows = col('studyProgress');
  const update = async () => (await rows.where({ _id: id }).update({ recordChars: chars, recordAt: now, updatedAt: now })).updated > 0;
  const create = async () => {
    try {
      await rows.add({ _id: id, ...key, readIds: [], recordChars: chars, recordAt: now, updatedAt: now });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return false;
    }
  };
  if (exists ? (await update()) || (await create()) : (await create()) || (await update())) return;
  throw new Error(`study: month row ${id} neither updated nor created`);
}
