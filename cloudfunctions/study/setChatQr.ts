import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { dayParam } from '../../server/core/params';
import { addDays, dayStart } from './calendar';
import { idParam, requireManager } from './shared';

export const chatQrKey = (groupId: string) => `chatqr:${groupId}`;

/** A WeChat group QR code is valid for 7 days; an expiry further away cannot be true. */
export const CHAT_QR_MAX_DAYS = 7;
/**
 * Locally the image travels as a data URL and is kept in `studyFiles` (not in the group
 * document, which is read on every page): 120 KB of picture is plenty for a QR code a phone
 * scans and stays under the gateway's 256 KB request limit once base64-encoded. In production
 * the app uploads to cloud storage first and sends the `cloud://` file id instead, so the
 * database never holds image bytes there.
 */
export const CHAT_QR_MAX_BYTES = 120 * 1024;
const DATA_URL_RE = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;
const FILE_ID_RE = /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._\-/]{1,200}$/;

export function imageBytes(image: string): number | null {
  if (FILE_ID_RE.test(image)) return 0;
  const m = DATA_URL_RE.exec(image);
  if (!m) return null;
  const b64 = m[2];
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** A manager uploads the WeChat group's own QR code (with the date WeChat shows under it) for people not yet in the chat. */
export const setChatQr = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    groupId: idParam,
    image: z.string().min(1).max(Math.ceil((CHAT_QR_MAX_BYTES * 4) / 3) + 64),
    /** The last day the code is valid, as printed under it (park calendar day). */
    validUntil: dayParam,
  }),
  async handler({ groupId, image, validUntil }, ctx) {
    await requireManager(ctx.caller, groupId);
    const bytes = imageBytes(image);
    if (bytes === null) throw new AppError('VALIDATION', '请上传 PNG 或 JPG 格式的群二维码图片。');
    if (bytes > CHAT_QR_MAX_BYTES) throw new AppError('VALIDATION', '图片过大，请裁剪到只含二维码后再上传（不超过 120 KB）。');
    const today = parkDay();
    const last = addDays(today, CHAT_QR_MAX_DAYS);
    if (validUntil < today || validUntil > last) throw new AppError('VALIDATION', `微信群二维码的有效期为 7 天，请填写 ${today} 至 ${last} 之间的日期。`);
    const expiresAt = dayStart(addDays(validUntil, 1));
    await col('studyFiles').doc(chatQrKey(groupId)).set({ groupId, kind: 'chatQr', image, bytes, expiresAt, uploadedBy: ctx.caller.openid, uploadedAt: new Date() });
    await audit(ctx, { fn: 'study', action: 'setChatQr', target: `studyGroups/${groupId}`, before: null, after: { bytes, expiresAt } });
    return { expiresAt, bytes };
  },
});
