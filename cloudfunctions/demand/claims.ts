/**
 * A 代办 demand holds its policy or package claim (policyClaims, written with it by the policy
 * function's proxy.ts) while it is open; the unique (enterpriseId, target) index is what refuses a
 * second request for the same policy or package meanwhile — a double tap, two contacts at once.
 *
 * When the demand closes (rated or withdrawn, ./terms.ts CLOSED_STATES) the claim is released: kept
 * as history (who asked, when, for which demand) with `releasedAt`, and its `target` moved to
 * `closed:<demandId>` — unique per demand — so the key is free for the next application round. A
 * release rather than a round key in the claim: rounds are not a field of every policy (常年受理
 * policies, packages have none), and a closed demand must stop showing as 查看代办进度 whenever it
 * closes, not when a round ends.
 *
 * One conditional update, after the step that closed the demand (not in a transaction with it: the
 * step is a single-document update). If it failed in between, the enterprise would be refused a new
 * request with a pointer to the closed demand — never given a double claim.
 */
import { col } from '../../server/core/db';

export async function releaseProxyClaim(demandId: string, at: Date): Promise<void> {
  await col('policyClaims').where({ demandId, releasedAt: null }).update({ target: `closed:${demandId}`, releasedAt: at });
}
