import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addDays, dayStart } from '../../server/core/time';
import { dayParam, idParam } from './shared';
import type { ExpertDoc, PairingDoc } from './docs';

/**
 * 结对式: admin pairs an enterprise with an expert for a period (park days, inclusive). One
 * pairing per (enterprise, expert): the id is the pair, so pairing again renews it.
 *
 * Database calls (issue 19; 6 before): the caller's record; ONE aggregation for the expert with the
 * enterprise and the pairing as it stands (for the audit's `before`) as lookups — three reads
 * before; the pairing written whole (its id is the pair, so a renewal replaces it); the audit row — 4.
 */
export const pair = action({
  roles: ['admin'],
  params: z.strictObject({ enterpriseId: idParam, expertId: idParam, from: dayParam, until: dayParam, note: z.string().trim().max(100).optional() }),
  async handler(p, ctx) {
    const from = dayStart(p.from);
    const until = dayStart(addDays(p.until, 1));
    if (Number.isNaN(from.valueOf()) || Number.isNaN(until.valueOf()) || until.valueOf() <= from.valueOf()) throw new AppError('VALIDATION', '请检查：结束日期应不早于开始日期。');
    if (until.valueOf() <= Date.now()) throw new AppError('VALIDATION', '请检查：结对的结束日期应在今天或以后。');
    const id = `${p.enterpriseId}_${p.expertId}`;
    const $ = cmd().aggregate;
    // Rooted at the enterprise (a missing expert must still be told apart from a missing enterprise).
    const { data } = (await col('enterprises')
      .aggregate()
      .match({ _id: p.enterpriseId })
      .project({ name: 1 })
      .lookup({ from: 'experts', let: {}, pipeline: $.pipeline().match({ _id: p.expertId }).project({ name: 1, teamId: 1, active: 1 }).limit(1).done(), as: 'expert' })
      .lookup({ from: 'pairings', let: {}, pipeline: $.pipeline().match({ _id: id }).limit(1).done(), as: 'pairing' })
      .limit(1)
      .end()) as { data: { _id: string; name: string; expert: WithId<Pick<ExpertDoc, 'name' | 'teamId' | 'active'>>[]; pairing: WithId<PairingDoc>[] }[] };
    const enterprise = data[0];
    const expert = enterprise?.expert[0];
    const before = enterprise?.pairing[0];
    if (!enterprise) throw new AppError('NOT_FOUND', '企业不存在，请刷新后重新选择。');
    if (!expert || !expert.active) throw new AppError('NOT_FOUND', '专家不存在或已停用，请刷新后重新选择。');
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
