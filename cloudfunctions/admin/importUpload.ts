import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';

/** Base64 characters per piece: a call stays far below any request limit and shows progress. */
export const CHUNK_CHARS = 256 * 1024;
/** 24 pieces ≈ 4.5 MB of .xlsx — thousands of enterprises. */
export const MAX_CHUNKS = 24;

export const uploadIdParam = z.string().regex(/^[a-z0-9-]{8,40}$/, '上传编号格式不正确');

/**
 * One piece of an import file. Pieces are stored under `<uploadId>:<index>` with `set`, so a
 * retried piece overwrites itself; `importRun` assembles them.
 */
export const importUpload = action({
  roles: ['admin'],
  params: z.strictObject({
    uploadId: uploadIdParam,
    index: z.number().int().min(0).max(MAX_CHUNKS - 1),
    count: z.number().int().min(1).max(MAX_CHUNKS),
    data: z.string().min(1).max(CHUNK_CHARS).regex(/^[A-Za-z0-9+/=]+$/, '文件内容格式不正确'),
  }),
  async handler(p, { caller }) {
    await col('importChunks').doc(`${p.uploadId}:${p.index}`).set({ uploadId: p.uploadId, index: p.index, count: p.count, data: p.data, createdBy: caller.openid, createdAt: new Date() });
    return { received: p.index + 1, count: p.count };
  },
});
