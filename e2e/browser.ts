/** Headless Debian Chromium driven by playwright-core (its own browser download cannot work here). */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../local/gateway';
import { startTestGateway, type TestGateway } from '../local/testing';

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts', 'e2e');

export async function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh temporary profile (it refuses --user-data-dir).
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page in a fresh browser context (its own storage, so its own demo identity). */
export async function newPhonePage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  return ctx.newPage();
}

/** Hidden Taro h5 pages stay in the DOM: only look at what is on screen. */
export const visible = (page: Page, text: string | RegExp, exact = false) =>
  page.getByText(text, { exact }).filter({ visible: true }).first();

/**
 * The setup every end-to-end file shares: a gateway serving the h5 build with its own fresh data
 * folder, and one headless browser; both closed after the file's tests.
 * Usage: `const e2e = useE2E();` then `e2e.gw.call(...)`, `newPhonePage(e2e.browser)`.
 */
export function useE2E(): { gw: TestGateway; browser: Browser } {
  const h = {} as { gw: TestGateway; browser: Browser };
  beforeAll(async () => {
    const staticDir = path.join(REPO_ROOT, 'dist-h5');
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5 is missing: run npm run build:h5 (npm test does it)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    h.gw = await startTestGateway({ staticDir });
    h.browser = await launchBrowser();
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.gw?.close();
  });
  return h;
}

/**
 * Saves artifacts/e2e/<name>.png of the whole current page once Taro's page slide-in (about half a
 * second) has settled. Taro h5 scrolls inside the front `.taro_page`, not the window, so `fullPage`
 * alone stops at the viewport: the viewport is stretched to the page's height for the picture.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700);
  const height = await page.evaluate(() => {
    // Pages further back in the stack stay in the DOM; the one in front is the last displayed.
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
    const front = shown[shown.length - 1];
    if (!front) return 0;
    front.scrollTop = 0;
    return front.scrollHeight;
  });
  const size = page.viewportSize();
  if (size && height > size.height) {
    await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (size && height > size.height) await page.setViewportSize(size);
}
