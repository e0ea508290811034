/**
 * 关怀模式 in a real browser: the same four pages (首页, 服务, a list, a form) for the same person at
 * WeChat's standard font size and at WeChat's own 「关怀模式」 size (23.8 px on iOS, simulated in h5
 * through the storage key the app reads instead of wx.getAppBaseInfo). Body text must be at least
 * 1.25× larger, tap targets taller, and nothing may stick out of the screen or be clipped.
 * Then the manual switch: 我的 → 关怀模式 → 大字模式 applies at once and survives a reload.
 * Screenshots: artifacts/e2e/care-<page>-normal.png, -large.png and -compare.png (side by side).
 */
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, newPhonePage, screenshot, useE2E, visible } from './browser';
import { CARE_MODE_KEY, SIM_FONT_SIZE_KEY } from '../src/domain/care';

jest.setTimeout(180_000);

const e2e = useE2E();

/** Taro h5 keeps storage as {"data": value}. */
const taroStore = (page: Page, key: string, value: string) =>
  page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify({ data: v })), [key, value] as const);

async function personPage(browser: Browser, wechatFontPx: number | null): Promise<Page> {
  const page = await newPhonePage(browser);
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  await visible(page, '群众/职工 · 陈晓').click();
  await visible(page, '星河湾产业园党群服务中心').waitFor();
  if (wechatFontPx) await taroStore(page, SIM_FONT_SIZE_KEY, String(wechatFontPx));
  return page;
}

interface Measure {
  textPx: number;
  tapPx: number;
  problems: string[];
}

/**
 * On the page in front: the font size of a body-text element, the height of a tap target, and
 * every element that leaves the screen sideways or whose content is cut off by its own box.
 */
async function measure(page: Page, textSel: string, tapSel: string): Promise<Measure> {
  return page.evaluate(
    ([textSel, tapSel]) => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
      const front = shown[shown.length - 1];
      const vis = (el: Element) => (el as HTMLElement).offsetParent !== null;
      const text = Array.from(front.querySelectorAll(textSel)).find(vis) as HTMLElement | undefined;
      const tap = Array.from(front.querySelectorAll(tapSel)).find(vis) as HTMLElement | undefined;
      const width = document.documentElement.clientWidth;
      const problems: string[] = [];
      for (const el of Array.from(front.querySelectorAll<HTMLElement>('*'))) {
        if (!vis(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const label = `${el.className || el.tagName} «${(el.textContent ?? '').trim().slice(0, 20)}»`;
        if (r.right > width + 1 || r.left < -1) problems.push(`off screen: ${label}`);
        const cs = getComputedStyle(el);
        const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
        // Inputs scroll their own text by design; everything else that clips must fit.
        if (clips && !/INPUT|TEXTAREA/.test(el.tagName) && !el.classList.contains('taro_page')) {
          if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2) problems.push(`clipped: ${label}`);
        }
      }
      return {
        textPx: text ? parseFloat(getComputedStyle(text).fontSize) : 0,
        tapPx: tap ? tap.getBoundingClientRect().height : 0,
        problems,
      };
    },
    [textSel, tapSel] as const,
  );
}

/** Two screenshots side by side in one picture, to look at. */
async function compare(browser: Browser, name: string) {
  const page = await browser.newPage({ viewport: { width: 820, height: 900 } });
  const img = (f: string) => `data:image/png;base64,${fs.readFileSync(path.join(ARTIFACTS, f)).toString('base64')}`;
  await page.setContent(
    `<body style="margin:0;display:flex;gap:20px;align-items:flex-start;background:#888;font:16px sans-serif">` +
      `<figure style="margin:0;width:390px"><figcaption style="color:#fff">标准</figcaption><img style="width:390px" src="${img(`care-${name}-normal.png`)}"></figure>` +
      `<figure style="margin:0;width:390px"><figcaption style="color:#fff">关怀模式（微信 23.8px）</figcaption><img style="width:390px" src="${img(`care-${name}-large.png`)}"></figure></body>`,
  );
  await page.screenshot({ path: path.join(ARTIFACTS, `care-${name}-compare.png`), fullPage: true });
  await page.close();
}

const PAGES = [
  { name: 'home', url: '/#/pages/index/index', ready: '扫码签到', text: '.home-info', tap: '.rp-row-item' },
  { name: 'services', url: '/#/pages/services/index', ready: '志愿服务', text: '.services-item__desc', tap: '.services-item' },
  { name: 'list', url: '/#/packages/volunteer/index/index', ready: '我的志愿时长', text: '.rp-row-item__title', tap: '.rp-row-item' },
  { name: 'form', url: '/#/packages/profile/edit/index', ready: '保存', text: '.rp-field__label', tap: '.nut-button' },
];

test('at_wechats_large_font_setting_every_page_has_larger_text_and_taller_targets_and_nothing_overflows', async () => {
  const normal = await personPage(e2e.browser, null);
  const large = await personPage(e2e.browser, 23.8);
  for (const p of PAGES) {
    const m: Record<string, Measure> = {};
    for (const [kind, page] of [['normal', normal], ['large', large]] as const) {
      await page.goto(`${e2e.gw.url}${p.url}`);
      await page.reload();
      await visible(page, p.ready).waitFor();
      await screenshot(page, `care-${p.name}-${kind}`);
      m[kind] = await measure(page, p.text, p.tap);
    }
    await compare(e2e.browser, p.name);
    expect({ page: p.name, normal: m.normal.problems, large: m.large.problems }).toEqual({ page: p.name, normal: [], large: [] });
    expect(m.normal.textPx).toBeGreaterThanOrEqual(14);
    expect(m.large.textPx).toBeGreaterThanOrEqual(1.25 * m.normal.textPx);
    expect(m.large.tapPx).toBeGreaterThanOrEqual(1.15 * m.normal.tapPx);
    expect(m.large.tapPx).toBeGreaterThanOrEqual(56);
  }
});

test('the_big_text_switch_in_mine_applies_at_once_and_is_remembered', async () => {
  const page = await personPage(e2e.browser, null);
  await page.goto(`${e2e.gw.url}/#/pages/mine/index`);
  await visible(page, '关怀模式', true).click();
  await visible(page, '大字、大按钮，看得清、点得准').waitFor();
  const before = await measure(page, '.rp-text', '.rp-chip');
  await visible(page, '大字模式', true).click();
  await visible(page, '放大 30%').waitFor();
  const after = await measure(page, '.rp-text', '.rp-chip');
  expect(after.textPx).toBeCloseTo(before.textPx * 1.3, 0);
  expect(await page.evaluate((k) => localStorage.getItem(k), CARE_MODE_KEY)).toBe(JSON.stringify({ data: 'large' }));
  await screenshot(page, 'care-switch-large');
  // Back on 我的 (already open) and after a reload, still large.
  await page.goto(`${e2e.gw.url}/#/pages/mine/index`);
  await page.reload();
  await visible(page, '大字已开启').waitFor();
  expect((await measure(page, '.rp-row-item__title', '.rp-row-item')).textPx).toBeCloseTo(before.textPx * 1.3, 0);
  // 标准 wins over everything.
  await taroStore(page, CARE_MODE_KEY, 'standard');
  await taroStore(page, SIM_FONT_SIZE_KEY, '23.8');
  await page.reload();
  await visible(page, '关怀模式', true).waitFor();
  expect((await measure(page, '.rp-row-item__title', '.rp-row-item')).textPx).toBeCloseTo(before.textPx, 0);
});
