/** rewriteWhere (server/core/db.ts), the one loop behind 删除我的数据's row-by-row rewrites, against the emulator. */
import { startTestGateway, freshOpenid, type TestGateway } from '../../local/testing';
import { col, rewriteWhere } from './db';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const rows = (openid: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => col('subscriptions').add({ _id: `${openid}:t${i}`, openid, tmplId: `t${i}`, remaining: 1, updatedAt: new Date() })));

describe('rewriteWhere', () => {
  test('rewrites_every_matching_row_over_several_pages_until_none_matches', async () => {
    const openid = freshOpenid('rw');
    await rows(openid, 250);
    const n = await rewriteWhere('subscriptions', { openid }, (s) => col('subscriptions').doc(s._id).update({ openid: `${openid}-done` }));
    expect(n).toBe(250);
    expect((await col('subscriptions').where({ openid: `${openid}-done` }).count()).total).toBe(250);
  });

  test('throws_instead_of_returning_as_done_when_a_rewrite_leaves_rows_matching', async () => {
    const openid = freshOpenid('rwstuck');
    await rows(openid, 1);
    await expect(rewriteWhere('subscriptions', { openid }, async () => undefined)).rejects.toThrow(/still has matching rows/);
  });
});
