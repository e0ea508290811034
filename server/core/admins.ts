/**
 * Who the center's notices go to: everyone holding the admin role, and the deployment's admins
 * (REDPARK_ADMIN_OPENIDS) even before their first visit wrote a user record. One query.
 *
 * Used at delivery time by the notify deliverer to fan a role-addressed outbox row (outbox.ts
 * `toAdmins`) out to the admins of that moment, and by the timers that still address admins one by
 * one (their run is not a tap, so the extra read costs no person a round trip).
 */
import { col } from './db';
import { adminOpenids } from './config';

export async function adminRecipients(): Promise<string[]> {
  const { data } = await col('users').where({ roles: 'admin' }).field({ _id: true, openid: true }).limit(100).get();
  return [...new Set([...data.map((u) => u.openid || u._id), ...adminOpenids()])].filter(Boolean);
}
