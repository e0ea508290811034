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
 * A test file's setup: the gateway serving the h5 build (from a fresh data folder) and one
 * browser, started before the tests and closed after. The returned object is filled in beforeAll.
 */
export function useGatewayAndBrowser(): { gw: TestGateway; browser: Browser } {
  const env = {} as { gw: TestGateway; browser: Browser };
  beforeAll(async () => {
    const staticDir = path.join(REPO_ROOT, 'dist-h5');
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error('dist-h5 is missing: run npm run build:h5 (npm test does it)');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    env.gw = await startTestGateway({ staticDir });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.gw?.close();
  });
  return env;
}
