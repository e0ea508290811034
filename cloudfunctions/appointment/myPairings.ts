import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { enterpriseOf, expertView, loadExperts } from './shared';

/** 结对式, the enterprise's side: the experts it is paired with now. */
export const myPairings = action({
  roles: ['enterprise'],
  params: z.strictObject({}),
  async handler(_p, { caller }) {
    const enterpriseId = enterpriseOf(caller);
    const { data: pairs } = await col('pairings').where({ enterpriseId, endedAt: null, until: cmd().gt(new Date()) }).limit(50).get();
    const experts = await loadExperts(pairs.map((p) => p.expertId));
    return pairs
      .filter((p) => experts.has(p.expertId))
      .map((p) => ({ pairingId: p._id, from: p.from, until: p.until, note: p.note, expert: expertView(experts.get(p.expertId)!) }));
  },
});
