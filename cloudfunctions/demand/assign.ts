import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { dayParam } from '../policy/public';
import { COMPLAINT_KIND, HANDLER_ROLES } from './machine';
import { assignedMessage, clockNow, getVisible, idParam, present, step, viewerOf } from './shared';
import { slaOf } from './sla';
import { effectiveRoles } from '../../server/core/caller';

/**
 * Admin assigns (or reassigns) a demand to a handler, with a 办理期限 for the handler (by default the
 * park day its service level falls due; the service level itself is not moved by it). The handler
 * must hold a handler role now — and be an admin for a 投诉建议 —; they then accept it. Reassigning
 * work in progress returns it to 待受理 for the new handler. A `reopened` demand (rated 不满意) is
 * handed out for 重办 the same way, to the same handler or another. Audited.
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
    const [[handler], current, clockAt] = await Promise.all([
      col('users').doc(handlerOpenid).get().then((r) => r.data),
      getVisible(id, ctx.caller),
      clockNow(),
    ]);
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
