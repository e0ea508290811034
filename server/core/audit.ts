/**
 * Every admin or secretary change is written to `audit` (who, when, what, before → after).
 * Written after the change it records: a failed audit write fails the call (INTERNAL) rather
 * than leaving an unrecorded change unnoticed in the logs.
 */
import { col } from './db';
import type { Ctx } from './router';

export async function audit(
  ctx: Ctx,
  entry: { fn: string; action: string; target: string; before: unknown; after: unknown },
): Promise<void> {
  await col('audit').add({ actor: ctx.caller.openid, at: new Date(), ...entry });
}
