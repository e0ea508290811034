/**
 * 小组管理 on the h5 build (G-13): the admin renames a study group and closes it from the group's
 * page, each after a confirm dialog; the server then has the new name and the group closed.
 * Screenshots: artifacts/e2e/study-keeping-*.png.
 */
import { newPhonePage, screenshot, useE2E, visible } from './browser';
import { col } from '../server/core/db';

jest.setTimeout(180_000);
const e2e = useE2E();

test('the_admin_renames_and_closes_a_study_group_from_its_page_after_confirming', async () => {
  const g = (await e2e.gw.call('study', 'createGroup', { name: '待关闭的测试小组', kind: 'topic' }, 'demo-admin')).body.data;
  const page = await newPhonePage(e2e.browser);
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '党务管理员 · 王建国').click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
  await page.goto(`${e2e.gw.url}/#/packages/study/manage/index?groupId=${g.id}`);
  await visible(page, '小组管理').waitFor();
  await visible(page, '转交小组').waitFor();
  await screenshot(page, 'study-keeping-1-admin');

  // The text box labelled 小组名称 (found by its label: the page's other fields come and go).
  const nameInput = page.locator('.rp-textbox').filter({ visible: true }).filter({ hasText: '小组名称' }).locator('input').first();
  await expect(nameInput.inputValue()).resolves.toBe('待关闭的测试小组');
  await nameInput.fill('改名后的测试小组');
  await visible(page, '改名', true).click();
  await page.locator('.taro__modal .taro-modal__foot').getByText('改名', { exact: true }).click();
  await visible(page, '已改名').waitFor();
  expect((await col('studyGroups').doc(g.id).get()).data[0].name).toBe('改名后的测试小组');

  await page.getByText('关闭小组', { exact: true }).filter({ visible: true }).last().click();
  await page.locator('.taro__modal .taro-modal__foot').getByText('关闭小组', { exact: true }).click();
  await visible(page, '本小组已关闭，仅保留历史学习记录。').waitFor();
  await screenshot(page, 'study-keeping-2-closed');
  expect((await col('studyGroups').doc(g.id).get()).data[0].closedAt).toBeTruthy();
  await page.context().close();
});
