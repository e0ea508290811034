/**
 * Privacy in a real browser on the h5 build: a brand-new visitor meets the consent dialog before
 * anything personal is asked, can read the 隐私保护指引, is kept out of data-collecting forms
 * while refusing, proceeds after agreeing; then 我的数据 shows their data and deletes it.
 */
import type { Page } from 'playwright-core';
import { newPhonePage, screenshot, useE2E, visible } from './browser';
import { col } from '../server/core/db';

jest.setTimeout(120_000);

const e2e = useE2E();

/** Opens the app as a new guest; returns the page and the guest's openid (from the first API call). */
async function newGuest(): Promise<{ page: Page; openid: () => string; writes: string[] }> {
  const page = await newPhonePage(e2e.browser);
  let openid = '';
  const writes: string[] = [];
  page.on('request', (r) => {
    if (!r.url().includes('/api/')) return;
    openid ||= r.headers()['x-wx-openid'] ?? '';
    const action = /"action":"(\w+)"/.exec(r.postData() ?? '')?.[1] ?? '';
    writes.push(action);
  });
  await page.goto(e2e.gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '以新访客身份体验').click();
  return { page, openid: () => openid, writes };
}

/** Polls the database until `read` gives `want` (the page writes asynchronously); returns the last value. */
async function eventually<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (v !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    v = await read();
  }
  return v;
}

const dialogOpen = (page: Page) => visible(page, '同意并继续').isVisible();

test('privacy_consent_on_first_use_comes_before_any_personal_data_and_refusing_keeps_forms_closed', async () => {
  const { page, openid, writes } = await newGuest();

  // First screen: the dialog, before anything else can be filled in.
  await visible(page, '同意并继续').waitFor();
  await visible(page, '暂不同意').waitFor();
  expect(await page.locator('input').filter({ visible: true }).count()).toBe(0);
  await screenshot(page, 'privacy-first-use-dialog');

  // The full guideline opens from the dialog.
  await visible(page, '《隐私保护指引》').click();
  await visible(page, '一、我们收集哪些信息').waitFor();
  await visible(page, /中华人民共和国境内/).waitFor();
  await visible(page, '六、您的权利').waitFor();
  await screenshot(page, 'privacy-policy-page');
  await page.goBack();

  // Refuse: the dialog goes away and the person can look around…
  await visible(page, '暂不同意').click();
  await expect(dialogOpen(page)).resolves.toBe(false);
  // …but a form that collects personal data stays closed and asks again.
  await visible(page, /^我的$/).click();
  await visible(page, '编辑个人资料').click();
  await visible(page, '请先同意隐私保护指引').waitFor();
  await visible(page, '同意并继续').waitFor();
  expect(await page.locator('input').filter({ visible: true }).count()).toBe(0);
  await visible(page, '暂不同意').click();
  await expect(dialogOpen(page)).resolves.toBe(false);
  await screenshot(page, 'privacy-refused-form-closed');
  expect(writes).not.toContain('updateProfile');
  expect(writes).not.toContain('acceptPrivacy');
  const [before] = (await col('users').doc(openid()).get()).data;
  expect(before).toMatchObject({ privacyAcceptedAt: null, profile: {} });

  // Agree: the form opens and saves.
  await visible(page, '查看并同意').click();
  await visible(page, '同意并继续').click();
  await visible(page, '姓名').waitFor();
  await page.locator('input').filter({ visible: true }).first().fill('周新来');
  await screenshot(page, 'privacy-accepted-form-open');
  await visible(page, '保存', true).click();
  expect(await eventually(async () => (await col('users').doc(openid()).get()).data[0]?.profile?.name, '周新来')).toBe('周新来');
  expect((await col('users').doc(openid()).get()).data[0].privacyAcceptedAt).toBeInstanceOf(Date);
});

test('my_data_lists_the_persons_data_and_deleting_it_returns_them_to_a_new_visitor', async () => {
  const { page, openid } = await newGuest();
  await visible(page, '同意并继续').click();
  expect(await eventually(async () => !!(await col('users').doc(openid()).get()).data[0]?.privacyAcceptedAt, true)).toBe(true);
  // Some history, made through the same actions the app calls.
  const who = openid();
  expect((await e2e.gw.call('user', 'updateProfile', { name: '钱删除', phone: '13700001234' }, who)).body.ok).toBe(true);
  expect((await e2e.gw.call('checkin', 'scan', { code: 'v:venue-hall' }, who)).body.ok).toBe(true);
  expect((await e2e.gw.call('volunteer', 'signUp', { activityId: 'va-kepu' }, who)).body.data.status).toBe('confirmed');
  const hallToday = async () => (await col('checkins').where({ venueId: 'venue-hall', day: (await col('checkins').where({ openid: who }).get()).data[0]?.day ?? '' }).count()).total;
  const visits = await hallToday();
  const [full] = (await col('volunteerActivities').doc('va-kepu').get()).data;
  expect(full).toMatchObject({ confirmed: 8, left: 0 });

  await visible(page, /^我的$/).click();
  await visible(page, '我的数据').click();
  await visible(page, '钱删除').waitFor();
  await visible(page, '13700001234').waitFor();
  await visible(page, '签到记录').waitFor();
  await visible(page, '科普进社区：防范电信网络诈骗').waitFor();
  await screenshot(page, 'privacy-my-data');

  // The card's button (its title says the same words).
  await page.locator('.pv-danger .rp-actions').getByText('删除我的数据', { exact: true }).filter({ visible: true }).click();
  await visible(page, '确定删除我的数据？').waitFor();
  await visible(page, /匿名保留/).waitFor();
  await screenshot(page, 'privacy-delete-confirm');
  await visible(page, '确定删除', true).click();

  // Back on 我的 as a new visitor: the consent dialog again, no name.
  await visible(page, '同意并继续').waitFor({ timeout: 15_000 });
  await screenshot(page, 'privacy-after-delete');
  const me = (await e2e.gw.call('user', 'me', {}, who)).body.data;
  expect(me).toMatchObject({ privacyAccepted: false, profile: {}, roles: ['visitor'] });
  const [freed] = (await col('volunteerActivities').doc('va-kepu').get()).data;
  expect(freed).toMatchObject({ confirmed: 7, left: 1 });
  // The visit still counts for the park, under a pseudonym.
  const kept = (await col('checkins').where({ venueId: 'venue-hall' }).get()).data.filter((c) => c.openid.startsWith('anon-'));
  expect(kept).toHaveLength(1);
  expect((await col('checkins').where({ openid: who }).count()).total).toBe(0);
  expect((await col('checkins').where({ venueId: 'venue-hall', day: kept[0].day }).count()).total).toBe(visits);
});
