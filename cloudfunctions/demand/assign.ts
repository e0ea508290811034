import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { dayParam } from '../policy/public';
import { HANDLER_ROLES } from './machine';
import { assignedMessage, idParam, present, step, viewerOf } from './shared';
import { effectiveRoles } from '../../server/core/caller';

/**
 * Admin assigns (or reassigns) a demand to a handler with a due day. The handler must hold a
 * handler role now; they then accept it. Reassigning work in progress returns it to 待受理 for the
 * new handler. Audited.
 */
export const assign = action({
  roles: ['admin'],
  params: z.strictObject({
    id: idParam,
    handlerOpenid: z.string().trim().min(1).max(128),
    dueDate: dayParam,
    note: z.string().trim().max(300).optional(),
  }),
  async handler({ id, handlerOpenid, dueDate, note }, ctx) {
    if (dueDate < parkDay()) throw new AppError('VALIDATION', '办理期限不能早于今天，请重新选择。');
    const [handler] = (await col('users').doc(handlerOpenid).get()).data;
    if (!handler || !HANDLER_ROLES.some((r) => effectiveRoles(handler).includes(r))) {
      throw new AppError('NOT_FOUND', '所选办理人不存在或已不是服务专家，请重新选择。');
    }
    const handlerName = handler.profile?.name?.trim() || '办理人';
    const at = new Date();
    const { demand, today } = await step(ctx, id, 'assign', {
      note: `分派给${handlerName}，办理期限 ${dueDate}${note ? `。${note}` : ''}`,
      set: { handlerOpenid, handlerName, dueDate, assignedAt: at, acceptedAt: null },
      notify: (d) => [assignedMessage(d)],
    });
    await audit(ctx, {
      fn: 'demand',
      action: 'assign',
      target: `demands/${id}`,
      before: null,
      after: { handlerOpenid, handlerName, dueDate },
    });
    return present(demand, viewerOf(ctx.caller), today);
  },
});
