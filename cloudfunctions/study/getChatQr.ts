import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { idParam, requireViewer } from './shared';
import { chatQrKey } from './setChatQr';

/** The WeChat group's QR image, for members who joined by code and are not in the chat yet. */
export const getChatQr = action({
  roles: ['member', 'secretary', 'admin'],
  params: z.strictObject({ groupId: idParam }),
  async handler({ groupId }, { caller }) {
    await requireViewer(caller, groupId);
    const [file] = (await col('studyFiles').doc(chatQrKey(groupId)).get()).data;
    if (!file) throw new AppError('NOT_FOUND', '支部书记还没有上传微信群二维码，请联系书记拉您入群。');
    if (new Date(file.expiresAt).getTime() <= Date.now()) throw new AppError('CLOSED', '微信群二维码已过期，请联系支部书记更新。');
    return { image: file.image, expiresAt: file.expiresAt };
  },
});
