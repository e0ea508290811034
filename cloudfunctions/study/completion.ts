import * as z from 'zod';
import { action } from '../../server/core/router';
import { monthLabel, monthRange, parkMonth } from './calendar';
import { groupSummary, idParam, monthParam, requireManager } from './shared';
import { monthRoster } from './roster';

/**
 * Secretaries see who has and has not finished the month (completion, never a ranking). For a
 * branch group the list is the branch's roster of that month (study/roster.ts): `joined` false
 * marks members who never joined the group, `bound` false those not on WeChat, `current` false
 * those who have left the branch or lost the member role since.
 */
export const completion = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, month: monthParam.optional() }),
  async handler(p, { caller }) {
    const { group } = await requireManager(caller, p.groupId);
    const month = p.month ?? parkMonth();
    const { topic, figures, people } = await monthRoster(group, month);
    return {
      group: groupSummary(group),
      month,
      monthLabel: monthLabel(month),
      current: month === parkMonth(),
      deadline: monthRange(month).end,
      topic: topic ? { title: topic.title, materials: topic.materials.length, minRecordChars: topic.minRecordChars } : null,
      figures,
      people: people.map((x) => ({ openid: x.openid, memberId: x.memberId, name: x.name, owner: !!x.openid && x.openid === group.ownerOpenid, joined: x.joined, bound: x.bound, current: x.current, read: x.read, total: x.total, recorded: x.recorded, finished: x.finished })),
    };
  },
});
