/**
 * The certificate's QR modules from its verify URL, with `qrcode`'s core (no renderer, no PNG
 * encoder). The text goes in as UTF-8 bytes: given a string, qrcode 1.5 encodes it with
 * `new TextEncoder()`, which WeChat's on-phone JavaScript lacks (DevTools and browsers have it).
 */
import { create } from 'qrcode/lib/core/qrcode';
import type { QrModules } from './draw';

/** UTF-8 bytes of a string (the URL is ASCII, but say so for any text). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

export function qrModules(url: string): QrModules {
  return (create([{ data: utf8Bytes(url), mode: 'byte' }] as never, { errorCorrectionLevel: 'M' }) as { modules: QrModules }).modules;
}
