import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { dayParam } from '../policy/public';
import { canView, COMPLAINT_KIND, HANDLER_ROLES } from './machine';
import { assignedMessage, idParam, present, step, viewerOf, type ClockNow } from './shared';
import type { DemandDoc } from './docs';
import type { UserDoc } from '../../server/core/schema';
import { CALENDAR_ROWS, type DayRule } from '../../server/core/parkCalendar';
import type { Caller } from '../../server/core/caller';
import { slaOf } from './sla';
import { effectiveRoles } from '../../server/core/caller';

/**
 * Admin assigns (or reassigns) a demand to a handler, with a 办理期限 for the handler (by default the
 * park day its service level falls due; the service level itself is not moved by it). The handler
 * must hold a handler role now — and be an admin for a 投诉建议 —; they then accept it. Reassigning
 * work in progress returns it to 待受理 for the new handler. A `reopened` demand (rated 不满意) is
 * handed out for 重办 the same way, to the same handler or another. Audited.
 *
 * Round trips (issue 19; nine before): five — the caller's user record; ONE aggregation for the
 * demand with the chosen handler's user record and the park calendar (the service-level clock) as
 * lookups (three reads before, and the calendar was read a second time for the reply); the step,
 * one conditional update that answers the document after it (shared.step, updateAndReturn: the
 * read after the update is gone); the handler's 分派 message (outbox); the audit row.
 */
export const assign = action({
  roles: ['admin'],
  params: z.strictObject({
    id: idParam,
    handlerOpenid: z.string().trim().min(1).max(128),
    dueDate: dayParam.optional(),
    note: z.string().trim().max(300).optional(),
  }),
  async handler({ id, handlerOpenid, dueDate, note }, ctx) {
    if (dueDate && dueDate < parkDay()) throw new AppError('VALIDATION', '办理期限不能早于今天，请重新选择。');
    const { current, handler, clockAt } = await demandWithHandler(id, handlerOpenid, ctx.caller);
    if (!handler || !HANDLER_ROLES.some((r) => effectiveRoles(handler).includes(r))) {
      throw new AppError('NOT_FOUND', '所选办理人不存在或已不是服务专家，请重新选择。');
    }
    const complaint = current.kind === COMPLAINT_KIND;
    if (complaint && !effectiveRoles(handler).includes('admin')) {
      throw new AppError('VALIDATION', '投诉建议只能由党务管理员办理，请选择管理员。');
    }
    const slaDue = slaOf(current, clockAt.cal, clockAt.now).dueAt;
    const due = dueDate ?? (slaDue ? parkDay(slaDue) : clockAt.today);
    const redo = current.state === 'reopened';
    const handlerName = handler.profile?.name?.trim() || '办理人';
    const at = new Date();
    const { demand, clock } = await step(ctx, id, 'assign', {
      note: `${redo ? '重办，' : ''}分派给${handlerName}，办理期限 ${due}${note ? `。${note}` : ''}`,
      set: { handlerOpenid, handlerName, dueDate: due, assignedAt: at, acceptedAt: null },
      where: { kind: current.kind },
      notify: (d) => [assignedMessage(d)],
      cal: clockAt.cal,
    });
    await audit(ctx, {
      fn: 'demand',
      action: 'assign',
      target: `demands/${id}`,
      before: { state: current.state, handlerOpenid: current.handlerOpenid, dueDate: current.dueDate },
      after: { handlerOpenid, handlerName, dueDate: due, redo },
    });
    return present(demand, viewerOf(ctx.caller), clock);
  },
});

/** The demand (if the admin may see it), the chosen handler's user record and the park calendar: one aggregation. */
async function demandWithHandler(id: string, handlerOpenid: string, caller: Caller) {
  const $ = cmd().aggregate;
  const { data } = (await col('demands')
    .aggregate()
    .match({ _id: id })
    .lookup({ from: 'users', let: {}, pipeline: $.pipeline().match({ _id: handlerOpenid }).limit(1).done(), as: 'handler' })
    // The whole calendar, as loadCalendar reads it (server/core/parkCalendar.ts): newest first, bounded.
    .lookup({ from: 'parkCalendar', let: {}, pipeline: $.pipeline().sort({ day: -1 }).limit(CALENDAR_ROWS).project({ _id: 0, day: 1, rule: 1 }).done(), as: 'calendar' })
    .limit(1)
    .end()) as { data: (WithId<DemandDoc> & { handler: WithId<UserDoc>[]; calendar: { day: string; rule: DayRule }[] })[] };
  const row = data[0];
  if (!row || !canView(row, viewerOf(caller))) throw new AppError('NOT_FOUND', '该诉求不存在或您无权查看，请返回列表刷新。');
  const { handler, calendar, ...current } = row;
  const now = new Date();
  const clockAt: ClockNow = { cal: new Map(calendar.map((c) => [c.day, c.rule])), now, today: parkDay(now) };
  return { current: current as WithId<DemandDoc>, handler: handler[0] as WithId<UserDoc> | undefined, clockAt };
}
