/**
 * 红色代办 from a policy page: the enterprise claims a package, or asks the center to handle one
 * policy's application. Either way a demand of kind 代办 is created with the policies attached, and
 * a claim row (enterpriseId, target) that the unique index allows once per enterprise and target
 * while its demand is open; closing the demand releases it (demand/claims.ts) for the next round.
 *
 * With the admins' notice (one role row, server/core/outbox.ts toAdmins) three inserts; the
 * service level comes joined to the caller's read of the policy and the enterprise.
 *
 * Two inserts, no transaction (issue 19: 4 round trips were 2 — start, commit and a retry of both
 * on a conflict). The unique index on the claim is the guard, as before: the demand is written
 * first, then its claim; a second tap (or a second contact of the same enterprise) has its claim
 * refused, takes its own demand back out and answers CONFLICT, so after any race one demand
 * stands per claim. What the transaction added was that a crash between the two inserts rolled the
 * demand back; now it leaves a demand without a claim — a real request the center sees and handles
 * (it is the enterprise's own), only not shown as 查看代办进度 on the policy page, so the enterprise
 * could ask once more. The other order would be worse: a claim without its demand blocks the
 * enterprise until someone deletes it by hand.
 *
 * A repeat answers CONFLICT with a sentence pointing to the existing demand (the pages also show
 * "查看办理进度" instead of the button, from the claim they read) — chosen over silently returning
 * the old claim so a double tap is visible as "already done" rather than looking like a second
 * request.
 */
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { Ctx } from '../../server/core/router';
import { announceNewDemand, newDemand, type NewDemand } from '../demand/public';
import { claimTarget } from './shared';

/** The category every 红色代办 demand is filed under (its service level is joined by the callers). */
export const PROXY_CATEGORY = '审批代办' as const;

export async function createProxyDemand(
  ctx: Ctx,
  enterprise: { id: string; name: string },
  target: { kind: 'package' | 'policy'; id: string },
  /** With the service level read by the caller's own aggregation (levelKey / LEVEL_LOOKUP). */
  demand: NewDemand & { level: NonNullable<NewDemand['level']> },
  already: string,
): Promise<{ demandId: string }> {
  const at = new Date();
  const doc = newDemand(demand, ctx.caller, enterprise, at);
  const { id: demandId } = await col('demands').add(doc);
  try {
    await col('policyClaims').add({
      enterpriseId: enterprise.id,
      target: claimTarget(target.kind, target.id),
      kind: target.kind,
      refId: target.id,
      demandId,
      claimedBy: ctx.caller.openid,
      claimedAt: at,
      releasedAt: null,
    });
  } catch (err) {
    // Refused (or failed): this demand has no claim, so it must not stand. If taking it out fails
    // too, it stays as a crash would leave it (see above); the caller hears about the claim.
    await col('demands').doc(demandId).remove().catch((e) => console.error(`policy: demand ${demandId} lost its claim and stays:`, e));
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', already);
    throw err;
  }
  // After the claim stands: a message for a demand taken back out would point nowhere.
  await announceNewDemand({ ...doc, _id: demandId });
  return { demandId };
}
