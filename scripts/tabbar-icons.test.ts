import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { crc32, ICON_SIZE, ICONS, OUT_DIR, PNG_SIGNATURE, renderAll } from './tabbar-icons';

/** Minimal PNG reader: checks structure and CRCs, returns the header and the raw pixel rows. */
function readPng(buf: Buffer) {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let off = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    const crc = buf.readUInt32BE(off + 8 + len);
    expect(crc32(buf.subarray(off + 4, off + 8 + len))).toBe(crc);
    chunks.push({ type, data });
    off += 12 + len;
  }
  expect(chunks[0].type).toBe('IHDR');
  expect(chunks[chunks.length - 1].type).toBe('IEND');
  const ihdr = chunks[0].data;
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colourType: ihdr[9],
    raw: zlib.inflateSync(idat),
  };
}

const FILES = Object.keys(ICONS).flatMap((n) => [`${n}.png`, `${n}-active.png`]);

describe('tab bar icons', () => {
  it.each(FILES)('%s is a valid 81×81 RGBA PNG with a visible pictogram', (file) => {
    const buf = fs.readFileSync(path.join(OUT_DIR, file));
    expect(buf.length).toBeLessThan(40 * 1024); // WeChat's tabBar icon limit
    const png = readPng(buf);
    expect(png.width).toBe(ICON_SIZE);
    expect(png.height).toBe(ICON_SIZE);
    expect(png.bitDepth).toBe(8);
    expect(png.colourType).toBe(6);
    expect(png.raw.length).toBe(ICON_SIZE * (1 + ICON_SIZE * 4));

    let opaque = 0;
    for (let y = 0; y < ICON_SIZE; y++) {
      for (let x = 0; x < ICON_SIZE; x++) {
        if (png.raw[y * (1 + ICON_SIZE * 4) + 1 + x * 4 + 3] > 200) opaque++;
      }
    }
    // Something drawn, but not a solid square.
    expect(opaque).toBeGreaterThan(300);
    expect(opaque).toBeLessThan(ICON_SIZE * ICON_SIZE * 0.7);
  });

  it('committed files match what the script draws (rerun `npx tsx scripts/tabbar-icons.ts`)', () => {
    for (const [file, png] of Object.entries(renderAll())) {
      expect(fs.readFileSync(path.join(OUT_DIR, file)).equals(png)).toBe(true);
    }
  });
});
