/**
 * 志愿活动管理 in a real browser on the h5 build: the admin opens it from the admin console, pages
 * through past activities with 加载更多 down to the oldest, and finds one by a search word.
 * (首页 → 管理后台 → 志愿活动管理). Screenshots go to artifacts/e2e/volunteer-list-*.png.
 */
import type { Page } from 'playwright-core';
import { seedPastActivities } from '../local/volunteer.testkit';
import { newPhonePage, screenshot, useE2E, visible } from './browser';

jest.setTimeout(150_000);

const e2e = useE2E();

async function fill(page: Page, placeholder: string, value: string) {
  const box = page.locator(`input[placeholder^="${placeholder}"]`).filter({ visible: true }).first();
  await box.click();
  await box.fill(value);
}

test('the_admin_pages_through_past_activities_to_the_oldest_and_finds_one_by_a_search_word', async () => {
  // 25 past activities of 园之帆: more than one page (20) even without the seeded ones.
  const titles = Array.from({ length: 25 }, (_, i) => `往期活动回顾：社区服务第${i + 1}场`);
  titles[3] = '往期活动回顾：党史档案整理';
  await seedPastActivities('vt-yuanzhifan', titles, '园之帆志愿服务队');

  const page = await newPhonePage(e2e.browser);
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '党务管理员 · 王建国').click();
  await visible(page, '管理后台', true).click();
  await visible(page, '志愿活动管理', true).click();
  await visible(page, '只看我能报名的活动').waitFor();
  await visible(page, '往期活动', true).click();

  // The first page ends with 加载更多; the oldest activity is not on it yet.
  await visible(page, /^加载更多（已显示 20 \/ \d+）$/).waitFor();
  await visible(page, '往期活动回顾：社区服务第25场', true).waitFor();
  expect(await visible(page, '往期活动回顾：社区服务第1场', true).isVisible()).toBe(false);
  await screenshot(page, 'volunteer-list-past-page1');
  await visible(page, /^加载更多/).click();
  await visible(page, /^已显示全部 \d+ 条$/).waitFor();
  await visible(page, '往期活动回顾：社区服务第1场', true).waitFor();
  await screenshot(page, 'volunteer-list-past-all');

  await fill(page, '活动名称、地点或服务队关键字', '档案');
  await visible(page, '搜索', true).click();
  await visible(page, '已显示全部 1 条', true).waitFor();
  await visible(page, '往期活动回顾：党史档案整理', true).waitFor();
  expect(await visible(page, '往期活动回顾：社区服务第25场', true).isVisible()).toBe(false);
  await screenshot(page, 'volunteer-list-search');

  // Nothing found reads as such, not as an empty park.
  await fill(page, '活动名称、地点或服务队关键字', '(不存在');
  await visible(page, '搜索', true).click();
  await visible(page, '没有找到相关活动', true).waitFor();
});
