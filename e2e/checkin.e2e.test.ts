/**
 * Check-in in a real browser on the h5 build: an admin opens the kiosk of an event, a visitor
 * opens the check-in URL carrying the code the kiosk shows (as a phone camera would), picks an
 * identity and lands on the success page; a second visit says 已签到. Screenshots in artifacts/e2e/.
 */
import path from 'path';
import { col } from '../server/core/db';
import { dayjs } from '../server/core/time';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(120_000);

const e2e = useE2E();

const newPage = () => newPhonePage(e2e.browser);

test('admin_shows_the_kiosk_code_a_visitor_opens_it_and_signs_in_once', async () => {
  const at = (min: number) => dayjs().tz('Asia/Shanghai').add(min, 'minute').format('YYYY-MM-DD HH:mm');
  const made = await e2e.gw.call('checkin', 'createEvent', { title: '主题党日签到演示', venueId: 'venue-activity', startAt: at(-5), endAt: at(90) }, 'demo-admin');
  expect(made.body.ok).toBe(true);
  const eventId: string = made.body.data.id;

  // The admin's screen.
  const kiosk = await newPage();
  await kiosk.goto(`${e2e.gw.url}/#/packages/checkin/kiosk/index?eventId=${eventId}`);
  await visible(kiosk, '选择演示身份').waitFor();
  await visible(kiosk, '党务管理员 · 王建国').click();
  await visible(kiosk, '主题党日签到演示').waitFor();
  await visible(kiosk, /秒后更新/).waitFor();
  const img = kiosk.locator('.kiosk-image img, img.kiosk-image').filter({ visible: true }).first();
  await expect(img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).resolves.toBe(true);
  // The event's code is not printed as text under the QR (it would be relayed as text, lifecycle L-26):
  // the phone opens the code the kiosk is showing, read here from the same action.
  expect(await kiosk.locator('.kiosk-code').count()).toBe(0);
  const scene: string = (await e2e.gw.call('checkin', 'currentCode', { eventId }, 'demo-admin')).body.data.scene;
  expect(scene).toMatch(new RegExp(`^e${eventId}\\.`));
  await kiosk.screenshot({ path: path.join(ARTIFACTS, 'checkin-kiosk.png'), fullPage: true });

  // A visitor's phone opens what the QR code encodes, with no identity chosen yet.
  const phone = await newPage();
  await phone.goto(`${e2e.gw.url}/#/packages/checkin/scan/index?scene=${encodeURIComponent(scene)}`);
  await visible(phone, '选择演示身份').waitFor();
  await visible(phone, '群众/职工 · 陈晓').click();
  await visible(phone, '签到成功', true).waitFor();
  await visible(phone, '陈晓，您好！').waitFor();
  await visible(phone, '欢迎参加“主题党日签到演示”。').waitFor();
  for (const t of ['党务办理', '政策咨询', '培训学习', '活动开展', '红色代办']) await visible(phone, t, true).waitFor();
  await phone.screenshot({ path: path.join(ARTIFACTS, 'checkin-success.png'), fullPage: true });

  // Opening it again: one check-in, and the page says so.
  await phone.reload();
  await visible(phone, '已签到', true).waitFor();
  await visible(phone, /无需重复扫码/).waitFor();
  await phone.screenshot({ path: path.join(ARTIFACTS, 'checkin-already.png'), fullPage: true });
  expect((await col('checkins').where({ eventId, openid: 'demo-visitor' }).count()).total).toBe(1);
});

test('home_scan_entry_in_h5_explains_the_camera_and_takes_a_pasted_venue_code', async () => {
  const page = await newPage();
  await page.goto(e2e.gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '党员 · 张卫东').click();
  await visible(page, '扫码签到', true).click();
  await visible(page, /用手机相机/).waitFor();
  await page.locator('input').filter({ visible: true }).first().fill('v:venue-hall');
  await visible(page, '签到', true).click();
  await visible(page, /签到成功|已签到/).waitFor();
  await visible(page, '欢迎来到党群服务中心大厅。').or(visible(page, /无需重复扫码/)).first().waitFor();
});
