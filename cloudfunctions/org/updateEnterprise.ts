import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { idParam, ledgerPatchShape } from './shared';
import { writeLedger } from './ledgerWrite';
import { enterpriseNameParam } from './enterpriseLimits';

/**
 * An admin edits any entry; an enterprise contact keeps their own up to date (every field but the
 * registered name). Only the fields sent are changed; each change is logged with who and when.
 *
 * Round trips (issue 19; seven for an admin, six for a contact, before): the caller's user record;
 * the entry's read, its conditional update and its log row (ledgerWrite's saga instead of a
 * transaction's start + commit: see its header); the audit row, for an admin — five, four for a contact.
 */
export const updateEnterprise = action({
  roles: ['admin', 'enterprise'],
  params: z
    .strictObject({ id: idParam.optional(), name: enterpriseNameParam.optional(), ...ledgerPatchShape })
    .refine((p) => Object.keys(p).some((k) => k !== 'id'), '请至少修改一项'),
  async handler({ id, ...patch }, ctx) {
    const isAdmin = ctx.caller.is('admin');
    const enterpriseId = id ?? ctx.caller.user.enterpriseId;
    if (!enterpriseId) throw new AppError('NOT_FOUND', '您还没有绑定企业，请先用邀请码绑定。');
    if (!isAdmin && enterpriseId !== ctx.caller.user.enterpriseId) throw new AppError('FORBIDDEN', '只能维护本企业的台账。');
    if (!isAdmin && patch.name !== undefined) throw new AppError('FORBIDDEN', '企业名称以工商登记为准，如需更改请联系党群服务中心。');
    const { changes } = await writeLedger(ctx, enterpriseId, patch);
    if (isAdmin && changes.length) {
      await audit(ctx, { fn: 'org', action: 'updateEnterprise', target: `enterprises/${enterpriseId}`, before: changes.map((c) => ({ field: c.field, value: c.before })), after: changes.map((c) => ({ field: c.field, value: c.after })) });
    }
    return { id: enterpriseId, changed: changes.length };
  },
});
