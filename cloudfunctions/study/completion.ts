import * as z from 'zod';
import { action } from '../../server/core/router';
import { monthLabel, monthRange, parkMonth } from './calendar';
import { groupSummary, idParam, monthParam, requireManager } from './shared';
import { monthRoster } from './roster';

/** Secretaries see who has and has not finished the month (completion, never a ranking). */
export const completion = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, month: monthParam.optional() }),
  async handler(p, { caller }) {
    const { group } = await requireManager(caller, p.groupId);
    const month = p.month ?? parkMonth();
    const { topic, figures, people } = await monthRoster(group._id, month);
    return {
      group: groupSummary(group),
      month,
      monthLabel: monthLabel(month),
      current: month === parkMonth(),
      deadline: monthRange(month).end,
      topic: topic ? { title: topic.title, materials: topic.materials.length, minRecordChars: topic.minRecordChars } : null,
      figures,
      people: people.map((x) => ({ openid: x.openid, name: x.name, owner: x.openid === group.ownerOpenid, read: x.read, total: x.total, recorded: x.recorded, finished: x.finished })),
    };
  },
});
