/** Headless Debian Chromium driven by playwright-core (its own browser download cannot work here). */
import path from 'path';
import { chromium, type Browser } from 'playwright-core';

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
