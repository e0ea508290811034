/**
 * Draws the tab bar icons (WeChat requires local PNG files for `tabBar` icons) with nothing
 * but Node: shapes are signed-distance functions, rasterised with 4×4 supersampling into an
 * RGBA buffer and written as PNG through node's zlib.
 *
 *   npx tsx scripts/tabbar-icons.ts      → writes src/assets/tabbar/*.png (commit them)
 *
 * Normal icons are grey outlines, selected icons are filled Party red.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

export const ICON_SIZE = 81;
export const GREY = '#8a8a8a';
export const RED = '#C8161D';
export const OUT_DIR = path.resolve(__dirname, '..', 'src', 'assets', 'tabbar');

/** A shape: signed distance from (x, y) to its edge, negative inside. */
type Sdf = (x: number, y: number) => number;

// ---------- SDF primitives ----------
const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => Math.hypot(x - cx, y - cy) - r;

const box = (x0: number, y0: number, x1: number, y1: number, r = 0): Sdf => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
};

/** A line of width w with round caps. */
const segment = (ax: number, ay: number, bx: number, by: number, w: number): Sdf => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - w / 2;
};

/** Filled polygon (Inigo Quilez's exact polygon SDF). */
const polygon = (pts: Array<[number, number]>): Sdf => (x, y) => {
  let d = (x - pts[0][0]) ** 2 + (y - pts[0][1]) ** 2;
  let s = 1;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i, i++) {
    const ex = pts[j][0] - pts[i][0];
    const ey = pts[j][1] - pts[i][1];
    const wx = x - pts[i][0];
    const wy = y - pts[i][1];
    const h = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    const bx = wx - ex * h;
    const by = wy - ey * h;
    d = Math.min(d, bx * bx + by * by);
    const c1 = y >= pts[i][1];
    const c2 = y < pts[j][1];
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) s = -s;
  }
  return s * Math.sqrt(d);
};

const union = (...shapes: Sdf[]): Sdf => (x, y) => Math.min(...shapes.map((f) => f(x, y)));
const intersect = (...shapes: Sdf[]): Sdf => (x, y) => Math.max(...shapes.map((f) => f(x, y)));
const subtract = (a: Sdf, b: Sdf): Sdf => (x, y) => Math.max(a(x, y), -b(x, y));
/** The outline of a shape, w wide, centred on its edge. */
const stroke = (f: Sdf, w: number): Sdf => (x, y) => Math.abs(f(x, y)) - w / 2;
const halfPlaneBelow = (yMax: number): Sdf => (_x, y) => y - yMax;

const W = 6; // stroke width of the outline icons

// ---------- the four pictograms ----------
const houseBody = polygon([
  [40.5, 13],
  [68, 37],
  [62, 37],
  [62, 67],
  [19, 67],
  [19, 37],
  [13, 37],
]);
const houseDoor = box(34, 46, 47, 67.5, 2);
const house = {
  normal: union(
    segment(13, 38, 40.5, 15, W),
    segment(40.5, 15, 68, 38, W),
    stroke(box(22, 36, 59, 65, 3), W),
    box(35, 47, 46, 65, 2),
  ),
  selected: subtract(houseBody, houseDoor),
};

const cells: Array<[number, number]> = [
  [13, 13],
  [44, 13],
  [13, 44],
  [44, 44],
];
const services = {
  normal: union(...cells.map(([x, y]) => stroke(box(x + 2, y + 2, x + 22, y + 22, 5), W))),
  selected: union(...cells.map(([x, y]) => box(x, y, x + 24, y + 24, 6))),
};

const leftPage = polygon([
  [11, 20],
  [37, 25],
  [37, 66],
  [11, 61],
]);
const rightPage = polygon([
  [44, 25],
  [70, 20],
  [70, 61],
  [44, 66],
]);
const study = {
  normal: union(
    stroke(polygon([[14, 24], [37, 28], [37, 63], [14, 59]]), W),
    stroke(polygon([[44, 28], [67, 24], [67, 59], [44, 63]]), W),
  ),
  selected: union(
    leftPage,
    rightPage,
    // a few text lines cut out so the filled book still reads as a book
  ),
};
const studyLines = union(
  segment(17, 36, 31, 38.5, 3),
  segment(17, 45, 31, 47.5, 3),
  segment(50, 38.5, 64, 36, 3),
  segment(50, 47.5, 64, 45, 3),
);
study.selected = subtract(study.selected, studyLines);

const personBody = intersect(box(15, 47, 66, 95, 22), halfPlaneBelow(68));
const mine = {
  normal: union(stroke(circle(40.5, 27, 11), W), stroke(intersect(box(18, 50, 63, 92, 20), halfPlaneBelow(66)), W)),
  selected: union(circle(40.5, 27, 14), personBody),
};

export const ICONS: Record<string, { normal: Sdf; selected: Sdf }> = { home: house, services, study, mine };

// ---------- raster + PNG ----------
function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** RGBA pixels of one shape in one colour; alpha from 4×4 supersampling. */
export function rasterise(shape: Sdf, colour: string, size = ICON_SIZE): Buffer {
  const [r, g, b] = hexToRgb(colour);
  const px = Buffer.alloc(size * size * 4);
  const N = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          if (shape(x + (sx + 0.5) / N, y + (sy + 0.5) / N) <= 0) hits++;
        }
      }
      const i = (y * size + x) * 4;
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = Math.round((hits / (N * N)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes RGBA pixels as an 8-bit truecolour+alpha PNG (filter 0 on every row). */
export function encodePng(rgba: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** File name → PNG bytes for every icon, normal and selected. */
export function renderAll(): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [name, icon] of Object.entries(ICONS)) {
    out[`${name}.png`] = encodePng(rasterise(icon.normal, GREY), ICON_SIZE, ICON_SIZE);
    out[`${name}-active.png`] = encodePng(rasterise(icon.selected, RED), ICON_SIZE, ICON_SIZE);
  }
  return out;
}

if (require.main === module) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const [file, png] of Object.entries(renderAll())) {
    fs.writeFileSync(path.join(OUT_DIR, file), png);
    console.log(`wrote ${path.relative(process.cwd(), path.join(OUT_DIR, file))} (${png.length} B)`);
  }
}
