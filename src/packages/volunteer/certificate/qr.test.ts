import jsQR from 'jsqr';
import { qrModules, utf8Bytes } from './qr';

/** The modules as an RGBA bitmap (4 px a module, 4 modules of quiet zone) for jsQR. */
function decode(url: string): string | undefined {
  const qr = qrModules(url);
  const px = 4;
  const side = (qr.size + 8) * px;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const [r, c] = [Math.floor(y / px) - 4, Math.floor(x / px) - 4];
      if (r >= 0 && c >= 0 && r < qr.size && c < qr.size && qr.get(r, c)) rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  return jsQR(rgba, side, side)?.data;
}

describe('certificate QR', () => {
  const url = 'http://127.0.0.1:8080/#/packages/volunteer/verify/index?code=K7M2QABCDE';

  it('is built without TextEncoder, which WeChat’s on-phone JavaScript lacks, and decodes to the URL', () => {
    const saved = globalThis.TextEncoder;
    // @ts-expect-error -- as on a phone
    delete globalThis.TextEncoder;
    try {
      expect(typeof (globalThis as { TextEncoder?: unknown }).TextEncoder).toBe('undefined');
      expect(decode(url)).toBe(url);
    } finally {
      globalThis.TextEncoder = saved;
    }
  });

  it('encodes UTF-8 as TextEncoder does', () => {
    for (const s of ['abc', 'é', '志愿服务', '𠮷x']) expect(utf8Bytes(s)).toEqual([...new TextEncoder().encode(s)]);
  });
});
