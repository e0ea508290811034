/**
 * The h5 build in a real browser against the local gateway: a demo caller opens the app, picks
 * an identity, sees 首页 and their 我的 page with their roles. Screenshots go to artifacts/e2e/.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, newPhonePage, useE2E, visible } from './browser';

jest.setTimeout(90_000);

const e2e = useE2E();

const newPage = () => newPhonePage(e2e.browser);

async function pickIdentity(page: Page, title: string) {
  await page.goto(e2e.gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

test('admin_opens_the_app_sees_home_and_their_roles_on_mine', async () => {
  const page = await newPage();
  const apiErrors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) apiErrors.push(`${r.status()} ${r.url()}`);
  });

  await pickIdentity(page, '党务管理员 · 王建国');
  for (const t of ['扫码签到', '服务菜单', '党务办理', '政策咨询', '培训学习', '活动开展', '红色代办']) {
    await expect(visible(page, t).isVisible()).resolves.toBe(true);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, 'home.png'), fullPage: true });

  await visible(page, /^我的$/).click();
  await visible(page, '王建国').waitFor();
  await visible(page, '党务管理员').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'mine-admin.png'), fullPage: true });
  expect(apiErrors).toEqual([]);
});

test('secretary_sees_both_roles_and_branch_on_mine', async () => {
  const page = await newPage();
  await pickIdentity(page, '支部书记 · 李红梅');
  await visible(page, /^我的$/).click();
  await visible(page, '李红梅').waitFor();
  for (const t of ['支部书记', '党员', '星河湾产业园联合党支部']) await visible(page, t).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'mine-secretary.png'), fullPage: true });
});

test('a_visitor_is_a_visitor_only', async () => {
  const page = await newPage();
  await pickIdentity(page, '群众/职工 · 陈晓');
  await visible(page, /^我的$/).click();
  await visible(page, '陈晓').waitFor();
  await visible(page, '群众/职工').waitFor();
  expect(await page.getByText('党务管理员').filter({ visible: true }).count()).toBe(0);
});

test('a_first_time_visitor_is_asked_for_privacy_consent_once_and_it_is_recorded', async () => {
  const page = await newPage();
  const consentCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/user') && (r.postData() ?? '').includes('"acceptPrivacy"')) consentCalls.push(r.headers()['x-wx-openid']);
  });
  await page.goto(e2e.gw.url + '/');
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '以新访客身份体验').click();
  await visible(page, '同意并继续').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'privacy-dialog.png'), fullPage: true });
  await visible(page, '同意并继续').click();
  await page.getByText('同意并继续').filter({ visible: true }).waitFor({ state: 'detached' }).catch(() => undefined);
  await expect(page.getByText('同意并继续').filter({ visible: true }).count()).resolves.toBe(0);
  // The server holds the consent under the identity the e2e.browser sent.
  const openid = consentCalls[0];
  expect(consentCalls).toHaveLength(1);
  expect(openid).toMatch(/^demo-guest-/);
  const me = await e2e.gw.call('user', 'me', {}, openid!);
  expect(me.body.data.privacyAccepted).toBe(true);
});
