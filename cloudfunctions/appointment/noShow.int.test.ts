/**
 * Fair, private no-show handling for appointments (S-12): the cool-down of server/core/noShow.ts
 * checked at booking, the expert's own no-show kept apart, appeal and excuse. Every date is
 * relative to now.
 */
import { makeEnterprise, makeExpert, placeSlot } from '../../local/appointment.testkit';
import { codeOf as code, ok } from '../../local/volunteer.testkit';
import { startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { newUser } from '../../server/core/caller';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const DAY = 86_400_000;
const book = (slotId: string, openid: string) => gw.call('appointment', 'book', { slotId, topic: '劳动合同条款咨询' }, openid);
const bookingOf = async (id: string) => (await col('bookings').doc(id).get()).data[0];

/** A confirmed booking of `contact` with `expert` whose time was `daysAgo` days ago (the start moved into the past). */
let hour = 0;
async function pastConfirmed(expert: string, contact: string, daysAgo: number): Promise<string> {
  // Each on a slot of its own (the slot stays where it was; only the booking's time is moved back).
  const b = await ok(book(await placeSlot(expert, 120 + 2 * hour++), contact));
  await ok(gw.call('appointment', 'confirm', { bookingId: b.id }, expert));
  const startAt = new Date(Date.now() - daysAgo * DAY);
  await col('bookings').doc(b.id).update({ startAt, endAt: new Date(startAt.getTime() + 3600_000) });
  return b.id;
}

/** The expert records that the enterprise did not come. */
async function noShow(expert: string, contact: string, daysAgo: number): Promise<string> {
  const id = await pastConfirmed(expert, contact, daysAgo);
  expect((await ok(gw.call('appointment', 'markNoShow', { bookingId: id }, expert))).state).toBe('no_show');
  return id;
}

async function secondContact(enterpriseId: string): Promise<string> {
  const o = `t-contact2-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  await col('users').add({ _id: o, ...newUser(o), roles: ['enterprise'], enterpriseId, profile: { name: '第二联系人' }, privacyAcceptedAt: new Date() });
  return o;
}

test('two_unexcused_no_shows_in_90_days_pause_the_enterprises_online_booking_for_7_days_and_only_it_is_told', async () => {
  const expert = await makeExpert(gw);
  const ent = await makeEnterprise();
  const first = await noShow(expert, ent.openids[0], 40);
  // One no-show: nothing follows but a private notice with how to appeal.
  const told = (await col('outbox').where({ ref: `bookings/${first}`, type: 'appointment.noShow' }).get()).data;
  expect(told.map((o) => o.toOpenid)).toEqual([ent.openids[0]]);
  expect(told[0].data.state).toContain('申诉');
  await ok(gw.call('appointment', 'cancel', { bookingId: (await ok(book(await placeSlot(expert, 80), ent.openids[0]))).id }, ent.openids[0]));

  await noShow(expert, ent.openids[0], 2);
  const slot = await placeSlot(expert, 90);
  const refused = (await book(slot, ent.openids[0])).body;
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('CLOSED');
  expect(refused.error.message).toMatch(/近 90 天内有 2 次未到场/);
  expect(refused.error.message).toMatch(/申诉/);
  expect(refused.error.message).toMatch(/\d+月\d+日、\d+月\d+日/);
  // The whole enterprise waits (another contact too); nothing was taken; another enterprise books the slot.
  expect(await code(book(slot, await secondContact(ent.id)))).toBe('CLOSED');
  expect((await col('slots').doc(slot).get()).data[0]).toMatchObject({ state: 'open' });
  await ok(book(slot, (await makeEnterprise()).openids[0]));

  // Seven days after the later no-show was recorded, booking opens again.
  const latest = (await col('bookings').where({ enterpriseId: ent.id, state: 'no_show' }).get()).data;
  await Promise.all(latest.map((b) => col('bookings').doc(b._id).update({ noShowAt: new Date(Date.now() - 7 * DAY - 60_000) })));
  await ok(book(await placeSlot(expert, 100), ent.openids[0]));
});

test('no_shows_older_than_90_days_do_not_count', async () => {
  const expert = await makeExpert(gw);
  const ent = await makeEnterprise();
  await noShow(expert, ent.openids[0], 95);
  await noShow(expert, ent.openids[0], 5);
  await ok(book(await placeSlot(expert, 90), ent.openids[0]));
});

test('an_appealed_no_show_an_admin_excuses_stops_counting_at_once_and_the_excuse_is_audited', async () => {
  const expert = await makeExpert(gw);
  const ent = await makeEnterprise();
  await noShow(expert, ent.openids[0], 10);
  const contested = await noShow(expert, ent.openids[0], 3);
  expect(await code(book(await placeSlot(expert, 90), ent.openids[0]))).toBe('CLOSED');

  const appealed = await ok(gw.call('appointment', 'appealNoShow', { bookingId: contested, reason: '当天专家临时改为电话咨询，我们在线等候' }, ent.openids[0]));
  expect(appealed.noShowAppealed).toBe(true);
  expect(await code(gw.call('appointment', 'appealNoShow', { bookingId: contested, reason: '再次提交申诉内容' }, ent.openids[0]))).toBe('CONFLICT');
  expect(await code(gw.call('appointment', 'appealNoShow', { bookingId: contested, reason: '冒名申诉的内容' }, (await makeEnterprise()).openids[0]))).toBe('NOT_FOUND');
  const queue = await ok(gw.call('appointment', 'noShowAppeals', {}, 'demo-admin'));
  expect(queue.map((q: any) => q.id)).toContain(contested);
  expect((await col('outbox').where({ ref: `bookings/${contested}`, type: 'appointment.noShowAppeal', toOpenid: 'role:admin' }).get()).data).toHaveLength(1);

  expect(await code(gw.call('appointment', 'excuseNoShow', { bookingId: contested, reason: '核实属实' }, expert))).toBe('FORBIDDEN');
  const excused = await ok(gw.call('appointment', 'excuseNoShow', { bookingId: contested, reason: '核实属实' }, 'demo-admin'));
  expect(excused.noShowExcused).toBe(true);
  expect((await col('audit').where({ fn: 'appointment', action: 'excuseNoShow', target: `bookings/${contested}` }).get()).data).toHaveLength(1);
  await ok(book(await placeSlot(expert, 92), ent.openids[0]));
});

test('an_experts_no_show_is_recorded_apart_by_the_enterprise_and_never_counts_against_it', async () => {
  const expert = await makeExpert(gw);
  const ent = await makeEnterprise();
  const future = await ok(book(await placeSlot(expert, 72), ent.openids[0]));
  await ok(gw.call('appointment', 'confirm', { bookingId: future.id }, expert));
  expect(await code(gw.call('appointment', 'reportExpertNoShow', { bookingId: future.id }, ent.openids[0]))).toBe('CLOSED');
  await ok(gw.call('appointment', 'cancel', { bookingId: future.id }, ent.openids[0]));

  for (const daysAgo of [20, 3]) {
    const id = await pastConfirmed(expert, ent.openids[0], daysAgo);
    expect(await code(gw.call('appointment', 'reportExpertNoShow', { bookingId: id }, expert))).toBe('FORBIDDEN');
    const r = await ok(gw.call('appointment', 'reportExpertNoShow', { bookingId: id, note: '等候一小时专家未到' }, ent.openids[0]));
    expect(r).toMatchObject({ state: 'expert_absent', stateLabel: '专家未到场' });
    expect((await bookingOf(id)).history.at(-1)).toMatchObject({ state: 'expert_absent', role: 'enterprise' });
    const notices = (await col('outbox').where({ ref: `bookings/${id}`, type: 'appointment.expertAbsent' }).get()).data.map((o) => o.toOpenid);
    expect(notices).toEqual(expect.arrayContaining([expert, 'role:admin'])); // the admins as a role, fanned out at delivery
    // The expert cannot turn it into the enterprise's no-show afterwards.
    expect(await code(gw.call('appointment', 'markNoShow', { bookingId: id }, expert))).toBe('CONFLICT');
  }
  // Two expert no-shows: the enterprise books as ever, and its place with the team was freed.
  await ok(book(await placeSlot(expert, 90), ent.openids[0]));
  await ok(book(await placeSlot(expert, 95), ent.openids[0]));
});

test('an_appeal_and_an_excuse_land_on_a_booking_whose_fields_hold_null_as_cloudbase_requires', async () => {
  // An object written with update() is merged path by path; on a field holding null CloudBase
  // refuses that (PathNotViable). Both writes replace the whole field, so a row written with
  // explicit nulls (an import, a repair) takes them too. Failed (INTERNAL) before `_.set`.
  const expert = await makeExpert(gw);
  const ent = await makeEnterprise();
  const id = await noShow(expert, ent.openids[0], 5);
  await col('bookings').doc(id).update({ noShowAppeal: null, noShowExcused: null });
  await ok(gw.call('appointment', 'appealNoShow', { bookingId: id, reason: '当天专家临时改为电话咨询' }, ent.openids[0]));
  const excused = await ok(gw.call('appointment', 'excuseNoShow', { bookingId: id, reason: '核实属实' }, 'demo-admin'));
  expect(excused.noShowExcused).toBe(true);
  expect((await bookingOf(id)).noShowAppeal).toMatchObject({ reason: '当天专家临时改为电话咨询' });
});
