/**
 * 红色代办 from a policy page: the enterprise claims a package, or asks the center to handle one
 * policy's application. Either way a demand of kind 代办 is created with the policies attached, and
 * a claim row (enterpriseId, target) that the unique index allows once per enterprise and target
 * while its demand is open; closing the demand releases it (demand/claims.ts) for the next round.
 *
 * The claim and the demand are written in ONE transaction: a second tap (or a second contact of the
 * same enterprise) fails on the unique index inside it and the whole attempt rolls back, so there is
 * never a demand without its claim or a claim without its demand. A repeat answers CONFLICT with a
 * sentence pointing to the existing demand (the pages also show "查看办理进度" instead of the button,
 * from the claim they read) — chosen over silently returning the old claim so a double tap is visible
 * as "already done" rather than looking like a second request.
 */
import { transaction } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Ctx } from '../../server/core/router';
import { announceNewDemand, levelFor, newDemand, type NewDemand } from '../demand/public';
import { claimTarget } from './shared';

export async function createProxyDemand(
  ctx: Ctx,
  enterprise: { id: string; name: string },
  target: { kind: 'package' | 'policy'; id: string },
  demand: NewDemand,
  already: string,
): Promise<{ demandId: string }> {
  const at = new Date();
  const doc = newDemand({ ...demand, level: await levelFor(demand.category) }, ctx.caller, enterprise, at);
  try {
    const made = await transaction(async (tx) => {
      const { id: demandId } = await tx.collection('demands').add(doc);
      await tx.collection('policyClaims').add({
        enterpriseId: enterprise.id,
        target: claimTarget(target.kind, target.id),
        kind: target.kind,
        refId: target.id,
        demandId,
        claimedBy: ctx.caller.openid,
        claimedAt: at,
        releasedAt: null,
      });
      return { demandId };
    });
    // After the commit: a message for a rolled-back demand would point nowhere.
    await announceNewDemand({ ...doc, _id: made.demandId });
    return made;
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', already);
    throw err;
  }
}
