/**
 * Turns a certificate into a PNG on each platform, around the plain drawing code (draw.ts):
 *  - weapp: the page's <Canvas type="2d" id={CANVAS_ID}> node → canvasToTempFilePath → a temp file
 *    that <Image> shows and saveImageToPhotosAlbum saves;
 *  - h5: an off-screen <canvas> → a data: URL that <Image> shows and a download link saves.
 * The QR is built from the verify URL by qr.ts (`qrcode`'s core, in this sub-package only).
 */
import Taro from '@tarojs/taro';
import { CERT_HEIGHT, CERT_WIDTH, drawCertificate, type Canvas2D, type CertificateView } from './draw';
import { qrModules } from './qr';

export const CANVAS_ID = 'vc-canvas';
/** Pixels per design unit: sharp enough to print on A5. */
const SCALE = 2;

interface ScalableCtx extends Canvas2D {
  scale(x: number, y: number): void;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): ScalableCtx;
}

function paint(canvas: CanvasNode, view: CertificateView, url: string): void {
  canvas.width = CERT_WIDTH * SCALE;
  canvas.height = CERT_HEIGHT * SCALE;
  const ctx = canvas.getContext('2d');
  ctx.scale(SCALE, SCALE);
  drawCertificate(ctx, view, qrModules(url));
}

function weappCanvas(): Promise<CanvasNode> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasNode }[]) => (res?.[0]?.node ? resolve(res[0].node) : reject(new Error('canvas not ready'))));
  });
}

/** The picture's address: a temp file path (weapp) or a data: URL (h5). */
export async function renderCertificate(view: CertificateView, verifyUrl: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas') as unknown as CanvasNode & { toDataURL(type: string): string };
    paint(canvas, view, verifyUrl);
    return canvas.toDataURL('image/png');
  }
  const node = await weappCanvas();
  paint(node, view, verifyUrl);
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node as never, fileType: 'png' } as Taro.canvasToTempFilePath.Option);
  return tempFilePath;
}

/** weapp: into the photo album (asks for 保存到相册 permission); h5: a file download. */
export async function saveCertificate(image: string, code: string): Promise<'saved' | 'denied'> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a');
    a.href = image;
    a.download = `志愿服务时长证明-${code}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return 'saved';
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: image });
    return 'saved';
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? '');
    if (/auth|deny|denied/i.test(msg)) return 'denied';
    throw err;
  }
}
