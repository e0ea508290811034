/** Helpers of the appointment tests and the bench (not shipped: nothing in function.ts imports it). */
import { col } from '../server/core/db';
import { newUser } from '../server/core/caller';
import { parkDay } from '../server/core/time';
import { slotCells } from '../cloudfunctions/appointment/slotGen';
import type { TestGateway } from './testing';
import { ok } from './volunteer.testkit';

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

/** A new expert of the legal team, added by the admin through `gw`; optionally auto-confirming. */
export async function makeExpert(gw: TestGateway, opts: { autoConfirm?: boolean; name?: string } = {}): Promise<string> {
  const openid = fresh('expert');
  await gw.call('user', 'me', {}, openid);
  const profile = { name: opts.name ?? '测试专家', organisation: '测试律师事务所', specialities: ['合同审查'] };
  await ok(gw.call('appointment', 'addExpert', { openid, teamId: 'team-legal', ...profile }, 'demo-admin'));
  if (opts.autoConfirm) await ok(gw.call('appointment', 'upsertProfile', { ...profile, autoConfirm: true }, openid));
  return openid;
}

/** An open one-hour slot of `expert` starting `hours` from now (on the 5-minute grid), written directly. */
export async function placeSlot(expert: string, hours: number): Promise<string> {
  const start = new Date(Math.ceil((Date.now() + hours * 3600_000) / 300_000) * 300_000);
  const end = new Date(start.getTime() + 3600_000);
  const { id } = await col('slots').add({
    expertId: expert, teamId: 'team-legal', startAt: start, endAt: end, mode: 'online', venueId: null, place: '线上', kind: 'bookable',
    rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(expert, start, end), priorityUntil: null, priorityEnterpriseIds: [], createdAt: new Date(),
  });
  return id;
}
