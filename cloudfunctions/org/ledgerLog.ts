/**
 * The enterprise profile is one document edited from two places — the 五清 ledger (org) and the
 * matching profile (policy.updateMyProfile) — and has one change log, `ledgerChanges`, so the entry
 * page shows every change whoever made it. The ledger writes its row inside its own transaction
 * (cloudfunctions/org/ledgerWrite.ts); other writers call this after their update.
 */
import { col } from '../../server/core/db';
import type { Ctx } from '../../server/core/router';
import type { LedgerChangeDoc } from './docs';
import { diffFields } from './ledgerFields';

export async function logProfileChange(ctx: Ctx, enterpriseId: string, before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
  const changes = diffFields(before, after);
  if (changes.length === 0) return;
  const row: LedgerChangeDoc = {
    enterpriseId,
    actor: ctx.caller.openid,
    actorName: ctx.caller.user.profile?.name ?? '',
    actorRole: ctx.caller.is('admin') ? 'admin' : 'enterprise',
    changes,
    at: new Date(),
  };
  await col('ledgerChanges').add(row);
}
