import fs from 'fs';
import path from 'path';
import { create } from 'qrcode/lib/core/qrcode';
import { CERT_COLORS, CERT_HEIGHT, CERT_WIDTH, certificateText, chineseDay, drawCertificate, wrapText, type Canvas2D, type QrModules } from './draw';

const VIEW = {
  name: '陈晓', label: '7 小时 20 分', hours: 7.3, activities: 2, periodFrom: '2026-01-01', periodTo: '2026-11-23',
  issuer: '星河湾产业园党群服务中心', issuedOn: '2026-11-23', code: 'K7M2Q-ABCDE',
};

/** Width of text at a font size: a CJK glyph is about square, Latin letters and digits about 0.6 em. */
const widthAt = (s: string, px: number) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2000 ? 0.6 : 1) * px, 0);
const fontPx = (font?: string) => Number(/(\d+)px/.exec(font ?? '')?.[1] ?? 30);

/** Records every call, measuring text as above. */
function recorder() {
  const calls: { op: string; args: unknown[]; fill?: unknown; font?: string; align?: string }[] = [];
  const ctx: Canvas2D & { calls: typeof calls } = {
    calls,
    fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textAlign: 'left', textBaseline: 'alphabetic',
    fillRect: (...args) => void calls.push({ op: 'fillRect', args, fill: ctx.fillStyle }),
    strokeRect: (...args) => void calls.push({ op: 'strokeRect', args }),
    fillText: (...args) => void calls.push({ op: 'fillText', args, fill: ctx.fillStyle, font: ctx.font, align: ctx.textAlign }),
    measureText: (s: string) => ({ width: widthAt(s, fontPx(ctx.font)) }),
  };
  return ctx;
}

describe('certificate picture', () => {
  it('writes the title, the sentence with name, period, activities and hours, the issuer, the date and the code', () => {
    const ctx = recorder();
    const qr = (create('http://127.0.0.1:8080/#/packages/volunteer/verify/index?code=K7M2QABCDE', { errorCorrectionLevel: 'M' }) as { modules: QrModules }).modules;
    drawCertificate(ctx, VIEW, qr);
    const texts = ctx.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0] as string);
    const all = texts.join('');
    expect(texts).toContain('志愿服务时长证明');
    expect(all).toContain('兹证明 陈晓 同志于 2026年1月1日至2026年11月23日期间');
    expect(all).toContain('志愿服务活动 2 次，累计志愿服务时长 7 小时 20 分。');
    expect(texts).toContain('7.3 小时');
    expect(texts).toContain('星河湾产业园党群服务中心');
    expect(texts).toContain('签发日期：2026年11月23日');
    expect(texts).toContain('验证码：K7M2Q-ABCDE');
  });

  it('keeps every line of text and every QR module inside the paper', () => {
    const ctx = recorder();
    const qr = (create('http://127.0.0.1:8080/#/packages/volunteer/verify/index?code=K7M2QABCDE', { errorCorrectionLevel: 'M' }) as { modules: QrModules }).modules;
    drawCertificate(ctx, { ...VIEW, name: '欧阳振华' }, qr);
    for (const c of ctx.calls) {
      if (c.op === 'fillText') {
        const [text, x, y] = c.args as [string, number, number];
        const w = widthAt(text, fontPx(c.font));
        const left = c.align === 'center' ? x - w / 2 : c.align === 'right' ? x - w : x;
        expect(y).toBeLessThan(CERT_HEIGHT - 40);
        expect(left).toBeGreaterThanOrEqual(40);
        expect(left + w).toBeLessThanOrEqual(CERT_WIDTH - 40);
      }
      if (c.op === 'fillRect') {
        const [x, y, w, h] = c.args as number[];
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y + h).toBeLessThanOrEqual(CERT_HEIGHT);
        expect(x + w).toBeLessThanOrEqual(CERT_WIDTH);
      }
    }
    const dark = ctx.calls.filter((c) => c.op === 'fillRect' && c.fill === CERT_COLORS.text).length;
    let expected = 0;
    for (let r = 0; r < qr.size; r++) for (let col = 0; col < qr.size; col++) if (qr.get(r, col)) expected++;
    expect(dark).toBe(expected);
  });

  it('wraps Chinese text by width and never starts a line with a comma or full stop', () => {
    const lines = wrapText((s) => [...s].length, '一二三四五，六七八九十。', 5);
    expect(lines).toEqual(['一二三四五，', '六七八九十。']);
    expect(wrapText((s) => s.length, '', 5)).toEqual([]);
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDay('2026-03-05')).toBe('2026年3月5日');
    expect(certificateText(VIEW).figure).toBe('7.3 小时');
  });

  it('uses exactly the colours of the design tokens', () => {
    const tokens = fs.readFileSync(path.resolve(__dirname, '../../../styles/tokens.scss'), 'utf8');
    const names: Record<keyof typeof CERT_COLORS, string> = {
      primary: 'color-primary', gold: 'color-gold', goldLight: 'color-gold-light', text: 'color-text',
      secondary: 'color-text-secondary', muted: 'color-text-muted', card: 'color-card',
    };
    for (const [k, token] of Object.entries(names)) {
      const m = new RegExp(`\\$${token}:\\s*(#[0-9a-fA-F]{6})`).exec(tokens);
      expect(m?.[1].toLowerCase()).toBe(CERT_COLORS[k as keyof typeof CERT_COLORS]);
    }
  });
});
