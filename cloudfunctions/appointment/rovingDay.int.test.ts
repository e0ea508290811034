/**
 * createRovingDay without a transaction (issue 19): the day, then its sessions as one all-or-nothing
 * insert, then the audit row. These tests kill the call between those writes (a refused insert,
 * injected) and show what is left, and that the timer's repair (repairRovingDays) puts it right.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { ok } from '../../local/volunteer.testkit';
import { makeExpert } from '../../local/appointment.testkit';
import { col } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { repairRovingDays } from './createRovingDay';
import { REPAIR_QUIET_MS } from './repair';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const dayAhead = (n: number) => parkDay(Date.now() + n * 86400_000);
/** After the quiet period: the killed call is certainly over. */
const later = () => new Date(Date.now() + REPAIR_QUIET_MS + 5_000);

/** Every insert into `name` refused, as a connection lost at that write would (orglife.int.test.ts). */
function failInsertsInto(name: string) {
  const real = gw.emulator.handle.bind(gw.emulator);
  return jest.spyOn(gw.emulator, 'handle').mockImplementation(async (body: any) =>
    body?.action === 'database.insertDocument' && body.collectionName === name ? { requestId: 'injected', code: 'DATABASE_REQUEST_FAILED', message: 'connection reset (injected)' } : real(body),
  );
}

async function killedAt(collection: string, params: Record<string, unknown>) {
  const spy = failInsertsInto(collection);
  const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const r = await gw.call('appointment', 'createRovingDay', params, 'demo-admin');
    expect(r.body.ok).toBe(false);
  } finally {
    spy.mockRestore();
    log.mockRestore();
  }
}

const dayParams = (title: string, expertIds: string[], date: string) => ({
  teamId: 'team-legal', date, title, venueId: 'venue-school', blocks: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }], expertIds,
});

describe('createRovingDay killed between its writes', () => {
  test('killed_before_the_sessions_leaves_an_empty_day_the_timer_removes_and_a_second_try_succeeds', async () => {
    const experts = [await makeExpert(gw), await makeExpert(gw)];
    const params = dayParams(`巡回中断${Date.now().toString(36)}`, experts, dayAhead(30));
    await killedAt('slots', params);
    const [left] = (await col('rovingDays').where({ title: params.title }).get()).data;
    expect(left).toBeDefined();
    expect((await col('slots').where({ rovingDayId: left._id }).count()).total).toBe(0);
    // Not yet: a call that young may still be running.
    expect((await repairRovingDays(new Date())).removed).not.toContain(left._id);
    expect((await repairRovingDays(later())).removed).toContain(left._id);
    expect((await col('rovingDays').where({ title: params.title }).count()).total).toBe(0);
    // The experts' times were never taken: the admin's second try creates the day whole.
    const made = await ok(gw.call('appointment', 'createRovingDay', params, 'demo-admin'));
    expect(made.slots).toBe(4);
    expect((await col('slots').where({ rovingDayId: made.id }).count()).total).toBe(4);
    const again = await repairRovingDays(later());
    expect([...again.removed, ...again.audited]).not.toContain(made.id);
  });

  test('killed_before_the_audit_row_leaves_a_complete_day_the_timer_records', async () => {
    const experts = [await makeExpert(gw)];
    const params = dayParams(`巡回未记录${Date.now().toString(36)}`, experts, dayAhead(31));
    await killedAt('audit', params);
    const [day] = (await col('rovingDays').where({ title: params.title }).get()).data;
    expect((await col('slots').where({ rovingDayId: day._id }).count()).total).toBe(2);
    expect((await col('audit').where({ target: `rovingDays/${day._id}` }).count()).total).toBe(0);
    expect((await repairRovingDays(later())).audited).toContain(day._id);
    const [row] = (await col('audit').where({ target: `rovingDays/${day._id}` }).get()).data;
    expect(row).toMatchObject({ actor: 'demo-admin', action: 'createRovingDay', before: null, after: { title: params.title } });
    // Once: the next run sees the row.
    expect((await repairRovingDays(later())).audited).not.toContain(day._id);
    expect((await col('rovingDays').doc(day._id).get()).data).toHaveLength(1);
  });

  test('a_clash_leaves_no_day_and_names_the_busy_expert', async () => {
    const [a, b] = [await makeExpert(gw, { name: '忙碌专家' }), await makeExpert(gw)];
    const date = dayAhead(32);
    await ok(gw.call('appointment', 'createRovingDay', dayParams(`先到${Date.now().toString(36)}`, [a], date), 'demo-admin'));
    const title = `后到${Date.now().toString(36)}`;
    const r = await gw.call('appointment', 'createRovingDay', { ...dayParams(title, [b, a], date), blocks: [{ start: '09:30', end: '10:30' }] }, 'demo-admin');
    expect(r.body.ok).toBe(false);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(r.body.error.message).toContain('忙碌专家');
    expect((await col('rovingDays').where({ title }).count()).total).toBe(0);
    expect((await col('slots').where({ expertId: b }).count()).total).toBe(0);
  });
});
