/**
 * 发展服务团预约 in a real browser on the h5 build: an enterprise books a 法律 slot, the expert
 * confirms and completes it with a service record, the enterprise rates it. Screenshots go to
 * artifacts/e2e/appointment-*.png.
 */
import fs from 'fs';
import type { Page } from 'playwright-core';
import { newPhonePage, screenshot, useE2E, visible } from './browser';
import { col } from '../server/core/db';

jest.setTimeout(150_000);

const e2e = useE2E();

/** Screenshot once Taro's page slide-in has finished (it is not part of what is tested). */
const shot = (page: Page, name: string) => screenshot(page, `appointment-${name}`);

async function actAs(page: Page, title: string) {
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

async function openBooking(page: Page, id: string) {
  await page.goto(`${e2e.gw.url}/#/packages/appointment/booking/index?id=${id}`);
  await visible(page, '办理进度').waitFor();
}

test('an_enterprise_books_a_legal_slot_the_expert_confirms_and_completes_it_the_enterprise_rates_it', async () => {
  const page = await newPhonePage(e2e.browser);
  const apiErrors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) apiErrors.push(`${r.status()} ${r.url()}`);
  });

  // Enterprise A: 服务 tab → 发展服务团预约 → 法律服务团 → first slot → topic → book.
  await actAs(page, '企业联系人 A · 赵敏');
  await visible(page, /^服务$/).click();
  await visible(page, '发展服务团预约').click();
  await visible(page, '选择服务团').waitFor();
  await visible(page, '我的结对专家').waitFor();
  await shot(page, '1-teams');
  await visible(page, '法律服务团').click();
  await visible(page, /共 \d+ 个时段/).waitFor();
  await shot(page, '2-slots');
  await page.locator('.ap-slot').filter({ visible: true }).filter({ hasText: '周文' }).first().click();
  await visible(page, '咨询问题（必填）').waitFor();
  await page.locator('textarea').filter({ visible: true }).first().fill('新产线员工的劳动合同和保密协议条款需要审查');
  await shot(page, '3-book-form');
  await visible(page, '确认预约', true).click();
  await visible(page, '办理进度').waitFor();
  await visible(page, '待确认', true).waitFor();
  const id = new URL(page.url().replace('#/', '')).searchParams.get('id')!;
  expect(id).toMatch(/^bk-/);
  await shot(page, '4-requested');

  // The expert 周文 confirms, then writes the service record.
  await actAs(page, '法律服务专家 · 周文');
  await page.goto(`${e2e.gw.url}/#/packages/appointment/expert/index`);
  await visible(page, '待处理的预约').waitFor();
  await visible(page, '苏州星河智能装备有限公司').waitFor();
  await shot(page, '5-expert-workbench');
  await openBooking(page, id);
  await visible(page, '确认预约', true).click();
  await visible(page, '已确认', true).waitFor();
  // The appointment takes place: its hour passes (a service can be recorded only after it started).
  const { data: [booking] } = await col('bookings').doc(id).get();
  const startAt = new Date(Date.now() - 2 * 3600_000);
  const endAt = new Date(startAt.getTime() + 3600_000);
  await Promise.all([col('bookings').doc(id).update({ startAt, endAt }), col('slots').doc(booking.slotId).update({ startAt, endAt })]);
  await page.reload();
  await visible(page, '办理进度').waitFor();
  await page.locator('textarea').filter({ visible: true }).first().fill('审查劳动合同与保密协议各一份，建议补充竞业限制补偿条款并明确保密范围。');
  await visible(page, '完成服务', true).click();
  await visible(page, '已服务', true).waitFor();
  await shot(page, '6-served');

  // Enterprise A rates it 5 stars.
  await actAs(page, '企业联系人 A · 赵敏');
  await openBooking(page, id);
  await visible(page, '评价本次服务').waitFor();
  await page.locator('.ap-star').filter({ visible: true }).nth(4).click();
  await page.locator('textarea').filter({ visible: true }).first().fill('周律师很专业，建议很实用。');
  await visible(page, '提交评价', true).click();
  await visible(page, '已评价', true).waitFor();
  await visible(page, /企业评价：★★★★★/).waitFor();
  await shot(page, '7-rated');

  const { body } = await e2e.gw.call('appointment', 'getBooking', { id }, 'demo-enterprise-a');
  expect(body.data).toMatchObject({ state: 'rated', score: 5, expertName: '周文', comment: '周律师很专业，建议很实用。' });
  expect(body.data.history.map((h: { state: string }) => h.state)).toEqual(['requested', 'confirmed', 'served', 'rated']);
  expect(apiErrors).toEqual([]);
  await page.context().close();
});

/** The 改约 dialog's button (its title reads the same; the button comes after it). */
const confirmMove = (page: Page) => page.getByText('确认改约', { exact: true }).filter({ visible: true }).last().click();

/** Open, usable slots of 周文 as enterprise A sees them, in the order the 改约 page lists them. */
async function legalSlots(exceptSlotId: string): Promise<{ id: string; startAt: string; bookable: boolean; lockedUntil: string | null }[]> {
  const { body } = await e2e.gw.call('appointment', 'listSlots', { expertId: 'demo-expert-legal' }, 'demo-enterprise-a');
  expect(body.ok).toBe(true);
  return (body.data as { id: string; startAt: string; bookable: boolean; lockedUntil: string | null }[]).filter((s) => s.id !== exceptSlotId);
}

test('an_enterprise_adds_a_confirmed_booking_to_its_calendar_as_an_ics_file_and_moves_it_a_slot_taken_meanwhile_keeps_the_old_booking', async () => {
  const page = await newPhonePage(e2e.browser);
  // A confirmed booking of enterprise A with 周文 (made through the API: the booking form is the first test's).
  const free = (await legalSlots('')).filter((s) => s.bookable && !s.lockedUntil);
  expect(free.length).toBeGreaterThanOrEqual(3);
  const booked = await e2e.gw.call('appointment', 'book', { slotId: free[0].id, topic: '股权激励方案的法律风险评估' }, 'demo-enterprise-a');
  expect(booked.body.error).toBeUndefined();
  const id: string = booked.body.data.id;
  const oldSlot: string = booked.body.data.slotId;
  expect((await e2e.gw.call('appointment', 'confirm', { bookingId: id }, 'demo-expert-legal')).body.ok).toBe(true);

  // 加入手机日历 in h5: the .ics file of the booking downloads.
  await actAs(page, '企业联系人 A · 赵敏');
  await openBooking(page, id);
  await visible(page, '已确认', true).waitFor();
  await visible(page, /会下载一个日历文件（\.ics）/).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), visible(page, '加入手机日历', true).click()]);
  expect(download.suggestedFilename()).toBe(`appointment-${id}.ics`);
  const ics = fs.readFileSync((await download.path())!, 'utf8');
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(ics).toContain(`UID:booking-${id}@redpark`);
  expect(ics).toContain('SUMMARY:发展服务团预约：周文（法律服务团）');
  const utc = new Date(booked.body.data.startAt).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  expect(ics).toContain(`DTSTART:${utc}`);
  await shot(page, '8-calendar');

  // 改约: the page lists 周文's other open slots.
  await visible(page, '改约', true).click();
  await visible(page, '选择新的时段').waitFor();
  let choices = await legalSlots(oldSlot);
  await page.locator('.ap-slot').filter({ visible: true }).nth(choices.length - 1).waitFor();
  await shot(page, '9-reschedule');

  // Enterprise B takes the first choice while A looks at it: A's move fails, A keeps the old booking.
  const taken = choices.findIndex((s) => s.bookable && !s.lockedUntil);
  const byB = await e2e.gw.call('appointment', 'book', { slotId: choices[taken].id, topic: '员工持股平台搭建咨询' }, 'demo-enterprise-b');
  expect(byB.body.error).toBeUndefined();
  await page.locator('.ap-slot').filter({ visible: true }).nth(taken).click();
  await confirmMove(page);
  await visible(page, /该时段已被其他企业预约。您原来的预约没有变化，请选择其他时段。/).waitFor();
  let now = (await e2e.gw.call('appointment', 'getBooking', { id }, 'demo-enterprise-a')).body.data;
  expect([now.slotId, now.state, now.moves]).toEqual([oldSlot, 'confirmed', 0]);
  await shot(page, '10-taken');

  // The list reloaded without B's slot; A moves to the first usable one.
  choices = await legalSlots(oldSlot);
  expect(choices.map((s) => s.id)).not.toContain(byB.body.data.slotId);
  const target = choices.findIndex((s) => s.bookable && !s.lockedUntil);
  await page.waitForFunction((n) => Array.from(document.querySelectorAll('.ap-slot')).filter((e) => (e as HTMLElement).offsetParent).length === n, choices.length);
  await page.locator('.ap-slot').filter({ visible: true }).nth(target).click();
  await confirmMove(page);
  await visible(page, '办理进度').waitFor();
  await visible(page, '待确认', true).waitFor();
  await visible(page, /已改约 1 次，原时间/).waitFor();
  await shot(page, '11-moved');

  now = (await e2e.gw.call('appointment', 'getBooking', { id }, 'demo-enterprise-a')).body.data;
  expect([now.slotId, now.state, now.moves]).toEqual([choices[target].id, 'requested', 1]);
  const { data: [old] } = await col('slots').doc(oldSlot).get();
  expect([old.state, old.bookingId]).toEqual(['open', null]);
  await page.context().close();
});
