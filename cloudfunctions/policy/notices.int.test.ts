/**
 * Policy notices (S-13, policy/notices.ts): an enterprise whose profile matches a newly published
 * policy is told once; 7 days and 1 day before its deadline it is reminded once each (not when it
 * has asked the center to 代办 it); never an enterprise the policy does not match. 消息中心 always,
 * WeChat only where the contact granted the template. Days are relative to today; the timer's clock
 * is passed in.
 */
import { freshOpenid, startTestGateway, type TestGateway } from '../../local/testing';
import { col } from '../../server/core/db';
import { addDays, dayStart, parkDay } from '../../server/core/time';
import { deliverDue } from '../notify/deliver';
import { localTemplateIds, simulatedWeChat, strictLocalSender } from '../notify/senders';
import { policyNoticeId, sendPolicyNotices } from './notices';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

const today = parkDay();
/** 10:00 in the park, `n` days from today. */
const at = (n: number) => new Date(dayStart(addDays(today, n)).getTime() + 10 * 3600_000);

async function enterprise(tag: string, qualifications: string[]): Promise<{ id: string; contact: string }> {
  const id = freshOpenid(`ent-${tag}`);
  await col('enterprises').add({ _id: id, name: `测试企业${tag}`, industry: '软件和信息技术服务业', headcount: 50, foundedAt: '2015-01-01', qualifications, settledAt: null } as never);
  const contact = freshOpenid(`pc-${tag}`);
  await gw.call('user', 'me', {}, contact);
  const g = await gw.call('user', 'grantRole', { openid: contact, role: 'enterprise', enterpriseId: id }, 'demo-admin');
  expect(g.body.ok).toBe(true);
  return { id, contact };
}

const rowsOf = async (policyId: string, openid: string) =>
  (await col('outbox').where({ ref: `policies/${policyId}`, toOpenid: openid }).get()).data.sort((a, b) => String(a._id).localeCompare(String(b._id)));

test('a_matching_enterprise_hears_of_a_new_policy_once_then_7_days_and_1_day_before_its_deadline_once_each', async () => {
  const fits = await enterprise('fits', ['瞪羚企业', '专精特新']);
  const claimedIt = await enterprise('claimed', ['瞪羚企业', '专精特新']);
  const misses = await enterprise('misses', ['专精特新']);
  const applyTo = addDays(today, 20);
  const created = await gw.call('policy', 'upsertPolicy', {
    title: `瞪羚企业专精特新奖励${freshOpenid('t').slice(-6)}`,
    issuer: '园区经济发展委员会',
    level: '园区',
    category: '资金补贴',
    summary: '对同时认定为瞪羚企业和专精特新的企业给予一次性奖励。',
    benefits: '一次性奖励 20 万元',
    criteria: { qualificationsAll: ['瞪羚企业', '专精特新'] },
    applyFrom: today,
    applyTo,
    issuedAt: today,
  }, 'demo-admin');
  expect(created.body).toMatchObject({ ok: true });
  const policyId = created.body.data.id as string;
  await col('policyClaims').add({ enterpriseId: claimedIt.id, target: `policy:${policyId}`, kind: 'policy', refId: policyId, demandId: 'd-x', claimedBy: claimedIt.contact, claimedAt: new Date(), releasedAt: null });

  // Published today: two overlapping runs and a later one queue the match notice once.
  await Promise.all([sendPolicyNotices(at(0)), sendPolicyNotices(at(0))]);
  await sendPolicyNotices(new Date(at(0).getTime() + 3600_000));
  expect((await rowsOf(policyId, fits.contact)).map((r) => r._id)).toEqual([policyNoticeId(policyId, 'matched', null, fits.contact)]);
  expect((await rowsOf(policyId, fits.contact))[0]).toMatchObject({ template: 'policyMatched', page: `/packages/policy/detail/index?id=${policyId}` });
  expect(await rowsOf(policyId, claimedIt.contact)).toHaveLength(1);
  expect(await rowsOf(policyId, misses.contact)).toHaveLength(0);

  // Nothing between the match and 7 days before the deadline.
  await sendPolicyNotices(at(10));
  expect(await rowsOf(policyId, fits.contact)).toHaveLength(1);
  // 7 days before, twice (and the next day): one reminder.
  await Promise.all([sendPolicyNotices(at(13)), sendPolicyNotices(at(13))]);
  await sendPolicyNotices(at(14));
  // 1 day before, and on the day: one more.
  await sendPolicyNotices(at(19));
  await sendPolicyNotices(at(20));
  const rows = await rowsOf(policyId, fits.contact);
  expect(rows.map((r) => r.template).sort()).toEqual(['policyDeadline', 'policyDeadline', 'policyMatched']);
  expect(rows.filter((r) => r.template === 'policyDeadline').map((r) => r.data.left).sort()).toEqual(['还剩1天', '还剩7天']);
  expect(rows.find((r) => r._id === policyNoticeId(policyId, 'd7', applyTo, fits.contact))).toBeTruthy();
  // The enterprise that asked the center to 代办 it is not chased; the other still is not told.
  expect((await rowsOf(policyId, claimedIt.contact)).map((r) => r.template)).toEqual(['policyMatched']);
  expect(await rowsOf(policyId, misses.contact)).toHaveLength(0);
  // After the deadline, nothing more.
  await sendPolicyNotices(at(21));
  expect(await rowsOf(policyId, fits.contact)).toHaveLength(3);
});

test('the_notice_reaches_wechat_only_where_a_grant_exists_and_消息中心_always', async () => {
  const granted = await enterprise('granted', ['瞪羚企业', '高新技术企业']);
  const notGranted = await enterprise('nogrant', ['瞪羚企业', '高新技术企业']);
  const created = await gw.call('policy', 'upsertPolicy', {
    title: `高新瞪羚双认定补贴${freshOpenid('t').slice(-6)}`,
    issuer: '园区科技创新委员会',
    level: '园区',
    category: '资金补贴',
    summary: '对同时认定为高新技术企业和瞪羚企业的企业给予补贴。',
    benefits: '补贴 10 万元',
    criteria: { qualificationsAll: ['瞪羚企业', '高新技术企业'] },
    applyTo: null,
    issuedAt: today,
  }, 'demo-admin');
  const policyId = created.body.data.id as string;
  expect((await gw.call('notify', 'grant', { tmplIds: [localTemplateIds().policyMatched] }, granted.contact)).body.ok).toBe(true);
  await sendPolicyNotices(new Date());
  const wechat = simulatedWeChat();
  // Deliver until this policy's rows are done (other tests' rows may be queued too).
  for (let i = 0; i < 5; i++) await deliverDue(strictLocalSender(wechat), { runId: `pol-${i}` });
  const [sent] = await rowsOf(policyId, granted.contact);
  const [inboxOnly] = await rowsOf(policyId, notGranted.contact);
  expect(sent).toMatchObject({ status: 'sent', channel: 'wechat' });
  expect(inboxOnly).toMatchObject({ status: 'failed', failedReason: '用户未授权订阅该消息' });
  expect(wechat.sent.filter((r) => r.touser === granted.contact)).toHaveLength(1);
  expect(wechat.sent.filter((r) => r.touser === notGranted.contact)).toHaveLength(0);
  for (const who of [granted.contact, notGranted.contact]) {
    const box = (await gw.call('notify', 'inbox', {}, who)).body.data;
    expect(box.items.map((m: { title: string }) => m.title)).toContain('新政策匹配提醒');
  }
});
