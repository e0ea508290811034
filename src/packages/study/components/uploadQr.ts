/**
 * Picking the WeChat group's QR picture for upload.
 *  - WeChat: the picture goes to cloud storage (`Taro.cloud.uploadFile`) and only its `cloud://`
 *    file id is sent to the function, so the database never holds image bytes in production.
 *  - Browser (local mode): no cloud storage; the picture is redrawn on a canvas at most 640 px
 *    wide as a JPEG data URL (a QR code stays readable; a phone photo of 3–5 MB becomes ~60 KB),
 *    which the function stores in `studyFiles` under a 120 KB cap.
 */
import Taro from '@tarojs/taro';

const MAX_SIDE = 640;

function toDataUrl(src: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const img = new window.Image();
    img.onload = () => {
      const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no canvas'));
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      resolve(canvas.toDataURL('image/jpeg', 0.85));
    };
    img.onerror = () => reject(new Error('unreadable image'));
    img.src = src;
  });
}

/** The picked picture as what `study.setChatQr` takes; null when the person cancelled. */
export async function pickQrImage(groupId: string): Promise<string | null> {
  const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album'] }).catch(() => null);
  const path = picked?.tempFilePaths?.[0];
  if (!path) return null;
  if (process.env.TARO_ENV === 'weapp') {
    const ext = /\.png$/i.test(path) ? 'png' : 'jpg';
    const up = await Taro.cloud.uploadFile({ cloudPath: `study/chat-qr/${groupId}-${Date.now()}.${ext}`, filePath: path });
    return up.fileID;
  }
  return toDataUrl(path);
}
