/**
 * 消息中心 in a real browser: a booking queues a message for the expert, the timer's delivery
 * run sends it, the expert sees the unread badge on 我的 and reads it. Screenshot in artifacts/e2e/.
 */
import { newPhonePage, screenshot, useE2E, visible } from './browser';

jest.setTimeout(120_000);
const e2e = useE2E();

test('an_expert_sees_a_new_booking_in_the_message_center_and_reads_it', async () => {
  const { gw } = e2e;
  const slots = (await gw.call('appointment', 'listSlots', { expertId: 'demo-expert-legal' }, 'demo-enterprise-b')).body.data;
  const slot = (slots.items ?? slots)[0];
  expect((await gw.call('appointment', 'book', { slotId: slot.id, topic: '股权激励方案咨询' }, 'demo-enterprise-b')).body.ok).toBe(true);
  await gw.call('notify', 'deliverNow', {}, 'demo-admin');

  const page = await newPhonePage(e2e.browser);
  await page.goto(gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '法律服务专家 · 周文').click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
  await visible(page, /^我的$/).click();
  await visible(page, /1 条未读/).waitFor();
  await visible(page, '消息中心', true).click();
  await visible(page, '新的预约').waitFor();
  await visible(page, '事项：股权激励方案咨询').waitFor();
  await screenshot(page, 'messages');
  expect((await gw.call('notify', 'unreadCount', {}, 'demo-expert-legal')).body.data.unread).toBe(1);
  await visible(page, '全部已读', true).click();
  await visible(page, /未读 0 条/).waitFor();
  expect((await gw.call('notify', 'unreadCount', {}, 'demo-expert-legal')).body.data.unread).toBe(0);
});
