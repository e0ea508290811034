/** Helpers of the appointment tests and the bench (not shipped: nothing in function.ts imports it). */
import { col } from '../server/core/db';
import { newUser } from '../server/core/caller';
import { parkDay } from '../server/core/time';

let seq = 0;
const fresh = (tag: string) => `t-${tag}-${Date.now().toString(36)}-${seq++}`;

/**
 * A new enterprise with `contacts` enterprise users who agreed to the privacy guideline, written
 * straight to the database. Founded five years before today (never a literal date: matching rules
 * count full years since founding).
 */
export async function makeEnterprise(contacts = 1, name = '测试企业'): Promise<{ id: string; openids: string[] }> {
  const id = fresh('ent');
  const openids = Array.from({ length: contacts }, () => fresh('contact'));
  const foundedAt = parkDay(Date.now() - 5 * 365 * 86400_000);
  await col('enterprises').add({ _id: id, name: `${name}${id}`, industry: '测试', headcount: 10, foundedAt, qualifications: [], contactOpenids: openids, createdAt: new Date() });
  await Promise.all(openids.map((o, i) => col('users').add({ _id: o, ...newUser(o), roles: ['enterprise'], enterpriseId: id, profile: { name: `联系人${i}` }, privacyAcceptedAt: new Date() })));
  return { id, openids };
}
