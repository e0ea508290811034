import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { outboxRow } from '../../server/core/outbox';
import { inPark, parkDay } from '../../server/core/time';
import { monthLabel, monthRange, parkMonth } from './calendar';
import { idParam, monthParam, requireManager } from './shared';
import { monthRoster } from './roster';

export const GROUP_PAGE = (groupId: string) => `packages/study/group/index?id=${groupId}`;

/**
 * A secretary reminds everyone who still belongs and has not finished this month (a notification row per person
 * in the outbox; the reminders capability delivers them). At most one reminder per person per
 * day: each row's id is `study-remind:<group>:<month>:<day>:<openid>`, so a second tap the same
 * day queues nothing new and says so — no one is nagged twice by an impatient double tap.
 */
export const remind = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({ groupId: idParam, month: monthParam }),
  async handler({ groupId, month }, ctx) {
    const { group } = await requireManager(ctx.caller, groupId);
    if (month !== parkMonth()) throw new AppError('CLOSED', '只能提醒本月尚未完成学习的成员。');
    const { topic, people } = await monthRoster(group, month);
    // Only people who still belong (member role, and for a branch group still in its branch) and
    // can be reached (bound to WeChat): a revoked or transferred member is not reminded.
    const todo = people.filter((p): p is typeof p & { openid: string } => !p.finished && p.current && !!p.openid && p.openid !== ctx.caller.openid);
    const day = parkDay();
    const lastDay = new Date(monthRange(month).end.getTime() - 1);
    const deadline = inPark(lastDay).format('M月D日');
    const results = await Promise.all(
      todo.map(async (p) => {
        const row = outboxRow({
          id: `study-remind:${groupId}:${month}:${day}:${p.openid}`,
          type: 'study.reminder',
          toOpenid: p.openid,
          template: 'studyReminder',
          page: GROUP_PAGE(groupId),
          ref: `studyGroups/${groupId}`,
          data: {
            group: group.name.slice(0, 20),
            topic: (topic?.title ?? `${monthLabel(month)}自学`).slice(0, 20),
            todo: !p.recorded && p.read < p.total ? '学习资料、自学记录' : !p.recorded ? '自学记录' : '学习资料',
            deadline: `${deadline}前`,
            deadlineDay: parkDay(lastDay),
          },
        });
        try {
          await col('outbox').add(row);
          return 'queued' as const;
        } catch (err) {
          if (isDuplicateKey(err)) return 'already' as const;
          throw err;
        }
      }),
    );
    const queued = results.filter((r) => r === 'queued').length;
    if (queued) await audit(ctx, { fn: 'study', action: 'remind', target: `studyGroups/${groupId}`, before: null, after: { month, queued } });
    return { queued, already: results.length - queued, unfinished: todo.length };
  },
});
