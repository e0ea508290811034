/**
 * The picture of a check-in code, behind one small interface with two implementations:
 *
 *  - production: a mini-program code from `wxacode.getUnlimited` (scene ≤ 32 characters), so that
 *    scanning it with WeChat opens the check-in page with the scene. That is a WeChat "cloud
 *    call", which only wx-server-sdk can make (it wraps the request in WeChat's protobuf
 *    envelope). wx-server-sdk is ~44 MB installed and is needed nowhere else, so it is NOT
 *    bundled: scripts/build-functions.ts leaves it external, cloudfunctions/checkin/package.json
 *    lists it and cloudbaserc.json installs it in the cloud (installDependency). It is required
 *    lazily, only when a code image is drawn in production — never on the local path, never by scan.
 *  - local (gateway): an ordinary QR code (the `qrcode` package, SVG) that encodes the h5 URL
 *    `<origin>/#/packages/checkin/scan/index?scene=<scene>`, so a phone camera opens the web build.
 */
import { create } from 'qrcode/lib/core/qrcode';
import { render } from 'qrcode/lib/renderer/svg-tag';
import { isLocalMode } from '../../server/core/config';

export const SCAN_PAGE = 'packages/checkin/scan/index';

export interface CodeImage {
  kind: 'qr' | 'wxacode';
  /** data: URL an <Image> shows and an admin downloads / prints. */
  dataUrl: string;
  /** What scanning opens: the h5 URL locally, the mini-program page in production. */
  opens: string;
}

export interface CodeImager {
  draw(scene: string): Promise<CodeImage>;
}

export function h5ScanUrl(origin: string, scene: string): string {
  return `${origin.replace(/\/+$/, '')}/#/${SCAN_PAGE}?scene=${encodeURIComponent(scene)}`;
}

export function localQrImager(origin: string): CodeImager {
  return {
    async draw(scene) {
      const url = h5ScanUrl(origin, scene);
      // 'M' keeps the code small enough to read from a screen across the room.
      const svg = render(create(url, { errorCorrectionLevel: 'M' }), { margin: 2, width: 480 });
      return { kind: 'qr', dataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, opens: url };
    },
  };
}

interface WxServerSdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(opts: { env: unknown }): void;
  openapi: {
    wxacode: {
      getUnlimited(p: { scene: string; page: string; checkPath: boolean; envVersion: string; width: number }): Promise<{
        contentType: string;
        buffer: Buffer;
      }>;
    };
  };
}

let wxsdk: WxServerSdk | null = null;
/** Drawn codes by scene: a kiosk asks for the same code several times per window. */
const cache = new Map<string, CodeImage>();
const CACHE_MAX = 64;

export function wxacodeImager(): CodeImager {
  return {
    async draw(scene) {
      const hit = cache.get(scene);
      if (hit) return hit;
      if (!wxsdk) {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        wxsdk = require('wx-server-sdk') as WxServerSdk;
        wxsdk.init({ env: wxsdk.DYNAMIC_CURRENT_ENV });
      }
      const res = await wxsdk.openapi.wxacode.getUnlimited({
        scene,
        page: SCAN_PAGE,
        // Lets a trial version open the page before the release that contains it is published.
        checkPath: false,
        envVersion: process.env.REDPARK_WXACODE_ENV_VERSION || 'release',
        width: 430,
      });
      const image: CodeImage = {
        kind: 'wxacode',
        dataUrl: `data:${res.contentType || 'image/jpeg'};base64,${Buffer.from(res.buffer).toString('base64')}`,
        opens: `${SCAN_PAGE}?scene=${encodeURIComponent(scene)}`,
      };
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
      cache.set(scene, image);
      return image;
    },
  };
}

/** The gateway sets REDPARK_PUBLIC_URL to the address it serves the h5 build on. */
export function codeImager(): CodeImager {
  return isLocalMode() ? localQrImager(process.env.REDPARK_PUBLIC_URL || 'http://127.0.0.1:8080') : wxacodeImager();
}
