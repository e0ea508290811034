/**
 * Database round trips of the demand domain's taps, pinned (issue 19; the kit: local/roundTrips.testkit.ts).
 * Each call is made by a person whose user record already exists; setup happens before counting.
 */
import { type TestGateway } from '../../local/testing';
import { countingGateway, budgets } from '../../local/roundTrips.testkit';
import { ok } from '../../local/volunteer.testkit';
import { now } from '../../server/core/time';

let gw: TestGateway;
const counted = countingGateway((g) => (gw = g), () => report());
const { within, report } = budgets({
  // The caller, one aggregation (the demand + the handler's user record + the park calendar), the
  // step answering the document (updateAndReturn), the handler's message, the audit row. Nine before.
  'demand.assign': 5,
  'demand.assign (reassigning work in progress, default 办理期限)': 5,
});

const A = 'demo-enterprise-a';
const FINANCE = 'demo-expert-finance';
const LEGAL = 'demo-expert-legal';
const ADMIN = 'demo-admin';
const inDays = (n: number) => now().add(n, 'day').format('YYYY-MM-DD');

test('assigning_a_demand_stays_within_its_budget', async () => {
  const { id } = await ok(gw.call('demand', 'submit', { category: '融资', title: '技改项目贷款对接', description: '产线改造需要1500万元中长期贷款，请协助对接银行。', contactWay: '电话联系', contactPhone: '13912345678' }, A));
  await ok(gw.call('user', 'me', {}, ADMIN));
  const first = await counted('demand', 'assign', { id, handlerOpenid: FINANCE, dueDate: inDays(7), note: '请优先对接' }, ADMIN);
  within('demand.assign', first.requests);
  expect(first.data).toMatchObject({ id, state: 'submitted', handlerName: '吴倩', dueDate: inDays(7), handlerOpenid: FINANCE });
  await ok(gw.call('demand', 'accept', { id }, FINANCE));
  await ok(gw.call('demand', 'progress', { id, note: '已联系科技支行' }, FINANCE));
  const again = await counted('demand', 'assign', { id, handlerOpenid: LEGAL }, ADMIN);
  within('demand.assign (reassigning work in progress, default 办理期限)', again.requests);
  expect(again.data).toMatchObject({ id, state: 'submitted', handlerOpenid: LEGAL, actions: expect.arrayContaining(['assign']) });
  expect(again.data.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'assign', 'accept', 'progress', 'assign']);
});
