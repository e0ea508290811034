/**
 * 志愿服务时长证明 in a real browser: 陈晓 (demo-visitor, with seeded hours) generates a certificate
 * from 我的志愿时长; the QR in the picture is decoded and its URL opened on another phone, by a
 * person who never saw the certificate, which shows 已验证 with the figures and the masked name; a
 * code with one character changed shows the refusal. Screenshots: artifacts/e2e/certificate-*.png.
 */
import fs from 'fs';
import path from 'path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { freshOpenid } from '../local/testing';
import { parkDay } from '../server/core/time';
import { CODE_ALPHABET } from '../cloudfunctions/volunteer/certificate';
import { DEMO_LABEL_KEY, DEMO_OPENID_KEY } from '../src/domain/identity';
import { ARTIFACTS, newPhonePage, screenshot, useE2E, visible } from './browser';

jest.setTimeout(180_000);

const e2e = useE2E();

async function phoneAs(openid: string, title?: string): Promise<Page> {
  const page = await newPhonePage(e2e.browser);
  await page.goto(`${e2e.gw.url}/#/pages/demo-login/index`);
  await visible(page, '选择演示身份').waitFor();
  if (title) {
    await visible(page, title).click();
    await visible(page, '星河湾产业园党群服务中心').waitFor();
  } else {
    // Someone who is no demo caller: set the identity the way 选择演示身份 stores it.
    await page.evaluate(([keys, id]) => {
      localStorage.setItem(keys[0], JSON.stringify({ data: id }));
      localStorage.setItem(keys[1], JSON.stringify({ data: '访客' }));
    }, [[DEMO_OPENID_KEY, DEMO_LABEL_KEY], openid] as const);
  }
  return page;
}

/** Reads the QR from the certificate picture: the foot-left square, decoded with jsQR. */
async function qrUrlOf(page: Page): Promise<string | null> {
  const crop = await page.evaluate(async () => {
    const img = Array.from(document.querySelectorAll<HTMLImageElement>('.vc-image img, img.vc-image')).find((i) => i.offsetParent !== null);
    if (!img) return null;
    const el = new Image();
    el.src = img.src;
    await el.decode();
    // Design units (draw.ts): 750 × 1080, the QR box at x 80, y 790, 220 wide; a margin around.
    const s = el.naturalWidth / 750;
    const [x, y, w] = [60 * s, 770 * s, 260 * s];
    const c = document.createElement('canvas');
    c.width = Math.round(w);
    c.height = Math.round(w);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(el, x, y, w, w, 0, 0, c.width, c.height);
    const d = ctx.getImageData(0, 0, c.width, c.height);
    let bin = '';
    d.data.forEach((b) => (bin += String.fromCharCode(b)));
    return { w: c.width, h: c.height, b64: btoa(bin), src: img.src };
  });
  if (!crop) return null;
  // The picture itself, to look at.
  fs.writeFileSync(path.join(ARTIFACTS, 'certificate-image.png'), Buffer.from(crop.src.replace(/^data:image\/png;base64,/, ''), 'base64'));
  const data = new Uint8ClampedArray(Buffer.from(crop.b64, 'base64'));
  return jsQR(data, crop.w, crop.h)?.data ?? null;
}

test('a_volunteer_generates_a_certificate_and_a_stranger_verifies_it_from_the_qr_while_a_tampered_code_is_refused', async () => {
  // 陈晓: 服务 → 志愿服务 → 我的志愿时长 → 生成时长证明.
  const holder = await phoneAs('demo-visitor', '群众/职工 · 陈晓');
  await visible(holder, /^服务$/).click();
  await visible(holder, '志愿服务', true).click();
  await visible(holder, '我的志愿时长').click();
  await visible(holder, '累计志愿时长').waitFor();
  await visible(holder, '生成时长证明').click();
  await visible(holder, '证明期间').waitFor();
  // The seeded hours are 6 and 20 days ago: pick that year (last year in early January).
  const year = Number(parkDay(Date.now() - 6 * 86400_000).slice(0, 4));
  if (year !== Number(parkDay().slice(0, 4))) await visible(holder, `${year} 年`, true).click();
  await visible(holder, '生成证明', true).click();
  await visible(holder, '验证码', true).waitFor();
  await holder.locator('.vc-image').filter({ visible: true }).first().waitFor();
  const codeText = (await holder.locator('.rp-row-item').filter({ hasText: '验证码' }).filter({ visible: true }).first().locator('.rp-row-item__extra').innerText()).trim();
  expect(codeText).toMatch(new RegExp(`^[${CODE_ALPHABET}]{5}-[${CODE_ALPHABET}]{5}$`));
  // The whole picture shows: its box is as tall as the picture's own proportions (750 × 1080).
  const box = await holder.locator('.vc-image').filter({ visible: true }).first().boundingBox();
  expect(box!.height).toBeGreaterThan(box!.width * (1080 / 750) - 4);
  await screenshot(holder, 'certificate-1-issued');

  // The QR in the picture carries the verify URL with this code.
  const url = await qrUrlOf(holder);
  expect(url).toBe(`${e2e.gw.url}/#/packages/volunteer/verify/index?code=${codeText.replace('-', '')}`);

  // 下载证明图片 saves the PNG under a name with the code.
  const [download] = await Promise.all([holder.waitForEvent('download'), visible(holder, '下载证明图片', true).click()]);
  expect(download.suggestedFilename()).toBe(`志愿服务时长证明-${codeText}.png`);

  // What the holder's record says, to compare with what the stranger sees.
  const issued = (await e2e.gw.call('volunteer', 'issueCertificate', { year }, 'demo-visitor')).body.data;
  expect(issued.code).toBe(codeText);

  // A stranger (not a demo caller, never saw the holder's data) opens the QR's URL.
  const stranger = await phoneAs(freshOpenid('verifier'));
  await stranger.goto(url!);
  await visible(stranger, '已验证', true).waitFor();
  await visible(stranger, '陈*', true).waitFor();
  await visible(stranger, issued.label, true).waitFor();
  await visible(stranger, `${issued.activities} 次`, true).waitFor();
  await visible(stranger, '星河湾产业园党群服务中心', true).waitFor();
  await visible(stranger, codeText, true).waitFor();
  expect(await stranger.getByText('陈晓', { exact: true }).filter({ visible: true }).count()).toBe(0);
  await screenshot(stranger, 'certificate-2-verified');

  // One character changed: refused.
  const bare = codeText.replace('-', '');
  const tampered = bare.slice(0, 9) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(bare[9]) + 1) % CODE_ALPHABET.length];
  await stranger.goto(`${e2e.gw.url}/#/packages/volunteer/verify/index?code=${tampered}`);
  await stranger.reload();
  await visible(stranger, '未通过核验', true).waitFor();
  expect(await visible(stranger, '已验证', true).isVisible()).toBe(false);
  await screenshot(stranger, 'certificate-3-tampered');
});
