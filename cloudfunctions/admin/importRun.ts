import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { readFirstSheet } from './excel';
import { checkRows, upsertEnterprises } from '../org/public';
import { MAX_CHUNKS, uploadIdParam } from './importUpload';

/** Rows written per call: a call stays well inside the function's time limit; the page shows progress. */
export const BATCH = 100;
export const MAX_ROWS = 5_000;

/**
 * Checks the uploaded file and writes the next BATCH of its valid rows (from `offset`).
 * The page calls it with offset 0, 100, 200 … until `finished`; each call re-reads the
 * file (pure, cheap next to the writes), so no half-parsed state is kept between calls.
 * Every call answers the full list of rejected rows (row number + reason). Rows are written by
 * idempotent upserts (cloudfunctions/org/enterpriseUpsert.ts) through the 五清 ledger's own write helpers, so
 * every imported enterprise is in the ledger's change log: running a call again changes nothing.
 */
export const importRun = action({
  roles: ['admin'],
  params: z.strictObject({ uploadId: uploadIdParam, offset: z.number().int().min(0).max(MAX_ROWS) }),
  async handler(p, ctx) {
    const { data: chunks } = await col('importChunks').where({ uploadId: p.uploadId, createdBy: ctx.caller.openid }).limit(MAX_CHUNKS).get();
    const count = chunks[0]?.count ?? 0;
    if (chunks.length === 0 || chunks.length !== count) throw new AppError('NOT_FOUND', '文件未上传完整，请重新选择文件导入。');
    const buf = Buffer.from(chunks.sort((a, b) => a.index - b.index).map((c) => c.data).join(''), 'base64');

    let sheet;
    try {
      sheet = await readFirstSheet(buf);
    } catch {
      throw new AppError('VALIDATION', '无法读取该文件，请使用下载的模板另存为 .xlsx 后重试。');
    }
    if (sheet.length > MAX_ROWS + 5) throw new AppError('VALIDATION', `一次最多导入 ${MAX_ROWS} 行，请拆分文件后分次导入。`);
    const { valid, rejected, missingHeaders } = checkRows(sheet, parkDay());
    if (missingHeaders.length) throw new AppError('VALIDATION', `文件缺少“${missingHeaders.join('、')}”列，请使用下载的模板填写。`);

    const batch = valid.slice(p.offset, p.offset + BATCH);
    const written = batch.length ? await upsertEnterprises(ctx, batch) : { created: [], updated: [], refused: [] };
    if (batch.length) {
      await audit(ctx, {
        fn: 'admin',
        action: 'importEnterprises',
        target: `enterprises/import/${p.uploadId}`,
        before: { updated: written.updated.map((u) => u.before).filter(Boolean) },
        after: { created: written.created, updated: written.updated.map((u) => u.name), rows: batch.map((b) => b.rowNumber) },
      });
    }
    const done = Math.min(valid.length, p.offset + batch.length);
    const finished = done >= valid.length;
    // The pieces are not needed once every valid row is in.
    if (finished) await col('importChunks').where({ uploadId: p.uploadId, createdBy: ctx.caller.openid }).remove();
    return {
      total: valid.length + rejected.length,
      valid: valid.length,
      done,
      finished,
      created: written.created.length,
      updated: written.updated.length,
      rejected,
      // Rows of this batch the ledger's own checks refused (facts contradicting the ledger): the
      // page adds them to the file's rejected rows as the batches come in.
      refused: written.refused,
    };
  },
});
