import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addDays, dayStart } from '../../server/core/time';
import { dayParam, idParam } from './shared';

/**
 * 结对式: admin pairs an enterprise with an expert for a period (park days, inclusive). One
 * pairing per (enterprise, expert): the id is the pair, so pairing again renews it.
 */
export const pair = action({
  roles: ['admin'],
  params: z.strictObject({ enterpriseId: idParam, expertId: idParam, from: dayParam, until: dayParam, note: z.string().trim().max(100).optional() }),
  async handler(p, ctx) {
    const from = dayStart(p.from);
    const until = dayStart(addDays(p.until, 1));
    if (Number.isNaN(from.valueOf()) || Number.isNaN(until.valueOf()) || until.valueOf() <= from.valueOf()) throw new AppError('VALIDATION', '请检查：结束日期应不早于开始日期。');
    if (until.valueOf() <= Date.now()) throw new AppError('VALIDATION', '请检查：结对的结束日期应在今天或以后。');
    const [[enterprise], [expert]] = await Promise.all([
      col('enterprises').doc(p.enterpriseId).get().then((r) => r.data),
      col('experts').doc(p.expertId).get().then((r) => r.data),
    ]);
    if (!enterprise) throw new AppError('NOT_FOUND', '企业不存在，请刷新后重新选择。');
    if (!expert || !expert.active) throw new AppError('NOT_FOUND', '专家不存在或已停用，请刷新后重新选择。');
    const id = `${p.enterpriseId}_${p.expertId}`;
    const [before] = (await col('pairings').doc(id).get()).data;
    const doc = {
      enterpriseId: p.enterpriseId,
      enterpriseName: enterprise.name,
      expertId: p.expertId,
      expertName: expert.name,
      teamId: expert.teamId,
      from,
      until,
      note: p.note ?? '',
      endedAt: null,
      createdBy: ctx.caller.openid,
      createdAt: new Date(),
    };
    await col('pairings').doc(id).set(doc);
    await audit(ctx, { fn: 'appointment', action: 'pair', target: `pairings/${id}`, before: before ?? null, after: doc });
    return { id, ...doc };
  },
});
