import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { monthLabel, monthRange, parkMonth } from './calendar';
import { getTopic, idParam, monthKey, monthParam, requireMember } from './shared';
import { RECORD_MIN_RANGE } from './setTopic';
import { RECORD_MAX_CHARS } from './saveRecord';

/** The caller's own 自学记录 of a month (this month by default), with the rules for writing it. */
export const getRecord = action({
  roles: ['member'],
  params: z.strictObject({ groupId: idParam, month: monthParam.optional() }),
  async handler(p, { caller }) {
    const month = p.month ?? parkMonth();
    const [{ group }, topic, rec] = await Promise.all([
      requireMember(caller, p.groupId),
      getTopic(p.groupId, month),
      col('studyRecords').doc(monthKey(p.groupId, month, caller.openid)).get(),
    ]);
    const r = rec.data[0];
    const { end } = monthRange(month);
    return {
      group: { id: group._id, name: group.name },
      month,
      monthLabel: monthLabel(month),
      topicTitle: topic?.title ?? null,
      minChars: topic?.minRecordChars ?? RECORD_MIN_RANGE.default,
      maxChars: RECORD_MAX_CHARS,
      editableUntil: end,
      editable: month === parkMonth() && Date.now() < end.getTime(),
      record: r ? { content: r.content, chars: r.chars, createdAt: r.createdAt, updatedAt: r.updatedAt } : null,
    };
  },
});
