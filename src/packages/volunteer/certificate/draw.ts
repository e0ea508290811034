/**
 * The certificate picture, drawn on any 2D canvas context: a weapp Canvas 2D node, a browser
 * <canvas>, or a recording fake in the unit test. Plain TS with no Taro or DOM import, so the
 * layout (wrapping, what is written where, the QR modules) is tested without a browser.
 */

/** The subset of CanvasRenderingContext2D used here (weapp's 2D context has the same members). */
export interface Canvas2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
}

/** A QR code's modules (qrcode's BitMatrix: `size` × `size`, get(row, col) truthy when dark). */
export interface QrModules {
  size: number;
  get(row: number, col: number): boolean | number;
}

export interface CertificateView {
  name: string;
  /** How far the name is vouched for (e.g. 姓名由本人填报); printed beside it when present. */
  nameNote?: string;
  label: string;
  hours: number;
  activities: number;
  periodFrom: string;
  periodTo: string;
  issuer: string;
  issuedOn: string;
  code: string;
}

/**
 * Canvas needs colour strings, not CSS variables: these are the values of src/styles/tokens.scss
 * ($color-primary, $color-gold, $color-text, $color-text-secondary, $color-text-muted,
 * $color-card, $color-gold-light); a unit test keeps them equal to the tokens.
 */
export const CERT_COLORS = {
  primary: '#c8161d',
  gold: '#b8862e',
  goldLight: '#fbf3e2',
  text: '#1f2329',
  secondary: '#4e5563',
  muted: '#7a808c',
  card: '#ffffff',
} as const;

export const CERT_WIDTH = 750;
export const CERT_HEIGHT = 1080;
const FONT = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
const MARGIN = 64;

/** '2026-03-05' → '2026年3月5日'. */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The certificate's sentences, one place for the canvas and for the page's text version. */
export function certificateText(v: CertificateView) {
  return {
    title: '志愿服务时长证明',
    body: `兹证明 ${v.name} 同志${v.nameNote ? `（${v.nameNote}）` : ''}于 ${chineseDay(v.periodFrom)}至${chineseDay(v.periodTo)}期间，参加${v.issuer}组织的志愿服务活动 ${v.activities} 次，累计志愿服务时长 ${v.label}。`,
    figure: `${v.hours} 小时`,
    signature: v.issuer,
    date: `签发日期：${chineseDay(v.issuedOn)}`,
    code: `验证码：${v.code}`,
    hint: '微信扫码或输入验证码，核验本证明真伪',
  };
}

/** Greedy line breaking by character (Chinese has no spaces), never splitting before 。，、. */
export function wrapText(measure: (s: string) => number, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of [...text]) {
    const next = line + ch;
    if (line && measure(next) > maxWidth && !'。，、；：）'.includes(ch)) {
      lines.push(line);
      line = ch;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function drawQr(ctx: Canvas2D, qr: QrModules, x: number, y: number, box: number): void {
  const quiet = 2;
  const cell = Math.floor(box / (qr.size + quiet * 2));
  const size = cell * (qr.size + quiet * 2);
  ctx.fillStyle = CERT_COLORS.card;
  ctx.fillRect(x, y, size, size);
  ctx.fillStyle = CERT_COLORS.text;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) {
      if (qr.get(r, c)) ctx.fillRect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
}

/** Draws the whole certificate at CERT_WIDTH × CERT_HEIGHT (scale the context first for sharpness). */
export function drawCertificate(ctx: Canvas2D, v: CertificateView, qr: QrModules): void {
  const t = certificateText(v);
  const W = CERT_WIDTH;
  const H = CERT_HEIGHT;

  // Paper, a red frame and a thin gold line inside it.
  ctx.fillStyle = CERT_COLORS.card;
  ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = CERT_COLORS.primary;
  ctx.lineWidth = 12;
  ctx.strokeRect(18, 18, W - 36, H - 36);
  ctx.strokeStyle = CERT_COLORS.gold;
  ctx.lineWidth = 2;
  ctx.strokeRect(40, 40, W - 80, H - 80);

  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  ctx.fillStyle = CERT_COLORS.primary;
  ctx.font = `bold 52px ${FONT}`;
  ctx.fillText(t.title, W / 2, 150);
  ctx.fillStyle = CERT_COLORS.gold;
  ctx.fillRect(W / 2 - 120, 178, 240, 4);

  // Body text, wrapped to the frame.
  ctx.textAlign = 'left';
  ctx.fillStyle = CERT_COLORS.text;
  ctx.font = `30px ${FONT}`;
  const lines = wrapText((s) => ctx.measureText(s).width, t.body, W - MARGIN * 2 - 32);
  let y = 260;
  for (const line of lines) {
    ctx.fillText(line, MARGIN + 16, y);
    y += 50;
  }

  // The figure, large, on a gold band.
  y += 20;
  ctx.fillStyle = CERT_COLORS.goldLight;
  ctx.fillRect(MARGIN, y, W - MARGIN * 2, 120);
  ctx.textAlign = 'center';
  ctx.fillStyle = CERT_COLORS.primary;
  ctx.font = `bold 64px ${FONT}`;
  ctx.fillText(t.figure, W / 2, y + 84);
  y += 190;

  // Issuer and date, right-aligned like a seal line.
  ctx.textAlign = 'right';
  ctx.fillStyle = CERT_COLORS.text;
  ctx.font = `bold 30px ${FONT}`;
  ctx.fillText(t.signature, W - MARGIN - 16, y);
  ctx.fillStyle = CERT_COLORS.secondary;
  ctx.font = `28px ${FONT}`;
  ctx.fillText(t.date, W - MARGIN - 16, y + 48);

  // QR and code at the foot.
  const qrBox = 220;
  const qrY = H - 70 - qrBox;
  drawQr(ctx, qr, MARGIN + 16, qrY, qrBox);
  ctx.textAlign = 'left';
  ctx.fillStyle = CERT_COLORS.text;
  ctx.font = `bold 32px ${FONT}`;
  ctx.fillText(t.code, MARGIN + 16 + qrBox + 32, qrY + 90);
  ctx.fillStyle = CERT_COLORS.muted;
  ctx.font = `26px ${FONT}`;
  const hint = wrapText((s) => ctx.measureText(s).width, t.hint, W - (MARGIN + 16 + qrBox + 32) - MARGIN - 16);
  hint.forEach((line, i) => ctx.fillText(line, MARGIN + 16 + qrBox + 32, qrY + 140 + i * 38));
}
