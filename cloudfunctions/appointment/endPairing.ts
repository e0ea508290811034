import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';

/** Admin ends a pairing early (conditional on it still running, so ending twice is a CONFLICT). */
export const endPairing = action({
  roles: ['admin'],
  params: z.strictObject({ pairingId: z.string().trim().min(1).max(140) }),
  async handler({ pairingId }, ctx) {
    const at = new Date();
    const { updated } = await col('pairings').where({ _id: pairingId, endedAt: null }).update({ endedAt: at });
    if (!updated) {
      const [p] = (await col('pairings').doc(pairingId).get()).data;
      if (!p) throw new AppError('NOT_FOUND', '结对关系不存在，请刷新列表。');
      throw new AppError('CONFLICT', '该结对关系已结束。');
    }
    await audit(ctx, { fn: 'appointment', action: 'endPairing', target: `pairings/${pairingId}`, before: { endedAt: null }, after: { endedAt: at } });
    return { pairingId, endedAt: at };
  },
});
