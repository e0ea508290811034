import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';

/**
 * Admin ends a pairing early (conditional on it still running, so ending twice is a CONFLICT),
 * and the enterprise loses its head start on the expert's open slots at once: it is pulled from
 * their `priorityEnterpriseIds`, and a slot left with no paired enterprise drops its priority
 * window (otherwise it would stay locked for everyone until the window ran out).
 * Database calls (issue 19; 6 before): the caller's record; the conditional end as ONE
 * updateAndReturn, which also answers the pairing's enterprise and expert (a read before); the
 * two slot updates (the second only when the first changed a slot); the audit row — 5. Only a
 * refusal reads the pairing, to tell "no such pairing" from "already ended".
 */
export const endPairing = action({
  roles: ['admin'],
  params: z.strictObject({ pairingId: z.string().trim().min(1).max(140) }),
  async handler({ pairingId }, ctx) {
    const _ = cmd();
    const at = new Date();
    const { doc: p } = await col('pairings').where({ _id: pairingId, endedAt: null }).updateAndReturn({ endedAt: at });
    if (!p) {
      const [exists] = (await col('pairings').doc(pairingId).get()).data;
      if (!exists) throw new AppError('NOT_FOUND', '结对关系不存在，请刷新列表。');
      throw new AppError('CONFLICT', '该结对关系已结束。');
    }
    const open = { expertId: p.expertId, state: 'open' };
    const pulled = await col('slots').where({ ...open, priorityEnterpriseIds: p.enterpriseId }).update({ priorityEnterpriseIds: _.pull(p.enterpriseId) });
    // Two steps because an update cannot look at the array it just changed; the second one only
    // touches slots whose list is now empty. A pairing made between the two is not affected: its
    // enterprise is in the list, so the list is not empty.
    if (pulled.updated) await col('slots').where({ ...open, priorityEnterpriseIds: _.size(0), priorityUntil: _.neq(null) }).update({ priorityUntil: null });
    await audit(ctx, {
      fn: 'appointment', action: 'endPairing', target: `pairings/${pairingId}`,
      before: { endedAt: null }, after: { endedAt: at, slotsReleased: pulled.updated },
    });
    return { pairingId, endedAt: at };
  },
});
