/**
 * The dashboard costs the same database calls with ten times the data (issue 19): every figure is
 * an aggregation ending in `.limit(n)` or a count, never a read of the rows it sums.
 */
import { startTestGateway, type TestGateway } from '../../local/testing';
import { multiplyRows } from '../../local/multiply.testkit';
import { dayjs, parkDay } from '../../server/core/time';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/** The dashboard's periods: the default (last 30 days), and the longest allowed, a year to today. */
const periods = () => [{}, { from: dayjs(parkDay()).subtract(365, 'day').format('YYYY-MM-DD'), to: parkDay() }];

async function dashboardCalls(): Promise<{ requests: number[]; figures: any[] }> {
  const requests: number[] = [];
  const figures: any[] = [];
  for (const p of periods()) {
    gw.emulator.stats.reset();
    const r = await gw.call('admin', 'dashboard', p, 'demo-admin');
    requests.push(gw.emulator.stats.requests);
    if (!r.body.ok) throw new Error(JSON.stringify(r.body.error));
    figures.push(r.body.data);
  }
  return { requests, figures };
}

test('the_dashboard_makes_as_many_database_calls_with_ten_times_the_data_as_with_the_demo_data', async () => {
  const base = await dashboardCalls();
  const grown = await multiplyRows(10);
  const after = await dashboardCalls();
  // The data did grow, and the figures saw it.
  expect(grown.enterprises.after).toBe(10 * grown.enterprises.before);
  expect(after.figures[1].totals.enterprises).toBe(10 * base.figures[1].totals.enterprises);
  expect(after.figures[1].visits).not.toEqual(base.figures[1].visits);
  // 15 figure calls (dashboard.ts) + reading the caller's user record, whatever the rows.
  expect(base.requests).toEqual([17, 17]); // 16 + the park calendar the demand service levels are counted on (issue 22)
  expect(after.requests).toEqual(base.requests);
});
