/**
 * 党员学习 in a real browser on the h5 build: demo-member joins the 青年党员学习小组 with its
 * invite code, studies both materials of the month's topic, writes the self-study record, takes
 * the 党章党规 quiz and reads the result with explanations; the secretary then sees the member
 * as finished on the group's completion page. Screenshots: artifacts/e2e/study-*.png.
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../local/gateway';
import { startTestGateway, type TestGateway } from '../local/testing';
import { STUDY_DEMO, YOUTH_TOPIC } from '../local/seed-study';
import { cmd, col } from '../server/core/db';
import { ARTIFACTS, launchBrowser, newPhonePage, visible } from './browser';

jest.setTimeout(180_000);

let gw: TestGateway;
let browser: Browser;

beforeAll(async () => {
  const staticDir = path.join(REPO_ROOT, 'dist-h5');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5 is missing: run npm run build:h5 (npm test does it)');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  gw = await startTestGateway({ staticDir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

/** Screenshot once Taro's page slide-in has finished (it is not part of what is tested). */
async function shot(page: Page, name: string) {
  await page.waitForTimeout(700);
  await page.screenshot({ path: path.join(ARTIFACTS, `study-${name}.png`), fullPage: true });
}

async function actAs(page: Page, title: string) {
  await page.goto(`${gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, title).click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
}

test('a_member_joins_by_code_studies_writes_the_record_takes_a_quiz_and_the_secretary_sees_them_finished', async () => {
  const page = await newPhonePage(browser);
  const apiErrors: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) apiErrors.push(`${r.status()} ${r.url()}`);
  });

  // 学习 tab: demo-member is in the branch's group; joins the youth group with its code.
  await actAs(page, '党员 · 张卫东');
  await visible(page, /^学习$/).click();
  await visible(page, '星河湾产业园联合党支部学习小组').waitFor();
  await visible(page, '本月专题：学党章 守党规 做合格党员').waitFor();
  await shot(page, '1-tab');
  await visible(page, '加入其他学习小组').click();
  await visible(page, '用邀请码加入').waitFor();
  await page.locator('#st-code input, input#st-code').filter({ visible: true }).first().fill(STUDY_DEMO.youthCode.toLowerCase());
  await visible(page, '加入学习小组', true).click();
  await visible(page, '已加入学习小组。').waitFor();
  await shot(page, '2-joined');
  await visible(page, '进入学习小组', true).click();

  // The group page: this month's topic, then each material → 我已学习.
  await visible(page, YOUTH_TOPIC.title).waitFor();
  await visible(page, '已学 0/2 · 自学记录待写').waitFor();
  await shot(page, '3-group');
  await visible(page, YOUTH_TOPIC.materials[0].title).click();
  await visible(page, '我已学习（学习打卡）').click();
  await visible(page, '已学习', true).waitFor();
  await shot(page, '4-material');
  await visible(page, `下一份：${YOUTH_TOPIC.materials[1].title}`).click();
  await visible(page, '我已学习（学习打卡）').click();
  await visible(page, '已学习', true).waitFor();
  await visible(page, '已学 2/2 · 自学记录待写').waitFor();

  // The self-study record: the counter says what is missing; then it is saved.
  await visible(page, '去写本月自学记录').click();
  await visible(page, '学习体会').waitFor();
  const box = page.locator('#st-record textarea, textarea#st-record').filter({ visible: true }).first();
  await box.fill('学习了党史上的几次重要会议。');
  await visible(page, /还差 \d+ 字/).waitFor();
  await box.fill(
    '本月在青年党员学习小组学习了党史上的几次重要会议。遵义会议在生死攸关的时刻挽救了党和红军，让我认识到实事求是的重要。作为青年党员，我要在岗位上勇挑重担，带头学习，把学习体会转化为做好本职工作的动力。',
  );
  await visible(page, '已达到字数要求', false).waitFor();
  await visible(page, '提交自学记录', true).click();
  await visible(page, /上次保存：/).waitFor();
  await visible(page, '保存修改', true).waitFor();
  await shot(page, '5-record');

  // The quiz: the page never has the answers; the test reads the key from the database to answer right.
  await page.goto(`${gw.url}/#/packages/study/quizzes/index`);
  await visible(page, '党章党规知识竞赛').click();
  await visible(page, '开始答题', true).click();
  await visible(page, '交卷', true).waitFor();
  await shot(page, '6-quiz');
  const attempt = (await col('quizAttempts').where({ quizId: STUDY_DEMO.quiz, openid: 'demo-member' }).get()).data[0];
  const { data: bank } = await col('quizQuestions').where({ _id: cmd().in(attempt.questionIds) }).get();
  const keyOf = new Map(bank.map((q) => [q._id, q]));
  const cards = page.locator('.st-question').filter({ visible: true });
  expect(await cards.count()).toBe(attempt.questionIds.length);
  for (let i = 0; i < attempt.questionIds.length; i++) {
    const q = keyOf.get(attempt.questionIds[i])!;
    // Answer all but the last question right.
    const pick = i < attempt.questionIds.length - 1 ? q.answer : [q.answer[0] === 0 ? 1 : 0];
    for (const k of pick) await cards.nth(i).locator('.st-option').nth(k).click();
  }
  await visible(page, '交卷', true).click();
  await page.locator('.taro__modal .taro-modal__foot').getByText('交卷', { exact: true }).click();
  await visible(page, '90').waitFor();
  await visible(page, '答对 9 / 10 题').waitFor();
  await visible(page, /解析：/).waitFor();
  await shot(page, '7-result');

  // The secretary sees demo-member as finished in the youth group.
  await actAs(page, '支部书记 · 李红梅');
  await page.goto(`${gw.url}/#/packages/study/manage/index?groupId=${STUDY_DEMO.youthGroup}`);
  await visible(page, /学习完成情况/).waitFor();
  const row = page.locator('.st-person').filter({ visible: true }).filter({ hasText: '张卫东' });
  await row.getByText('已完成', { exact: true }).waitFor();
  await row.getByText('资料 2/2 · 自学记录已交').waitFor();
  await shot(page, '8-secretary');

  const c = (await gw.call('study', 'completion', { groupId: STUDY_DEMO.youthGroup }, 'demo-secretary')).body.data;
  expect(c.people.find((p: { openid: string }) => p.openid === 'demo-member')).toMatchObject({ finished: true, read: 2, recorded: true });
  expect(c.figures.finished).toBeGreaterThanOrEqual(1);
  expect(apiErrors).toEqual([]);
  await page.context().close();
});
