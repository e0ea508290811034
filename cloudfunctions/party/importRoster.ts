import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { parkDay } from '../../server/core/time';
import { readFirstSheet } from '../admin/public';
import { keptBranches } from './months';
import { ERASED_NAME, memberIds, newRow, rosterStart, snapshot, type MemberFacts } from './roster';
import { checkRosterRows, type RosterImportRow } from './rosterSheet';

/** Base64 characters of one file: about 380 KB of .xlsx — thousands of rows, one request. */
export const MAX_FILE_CHARS = 512 * 1024;
/** Rows written per call: one read of the batch, then one write per row, far inside the time limit. */
export const IMPORT_BATCH = 50;
const MAX_SHEET_ROWS = 2_000;

const FACT_KEYS = ['name', 'standing', 'joinedOn', 'confirmedOn', 'enterpriseId', 'relation', 'relationHeldAt', 'phone'] as const;
const factsOf = (r: RosterImportRow): MemberFacts => Object.fromEntries(FACT_KEYS.map((k) => [k, r[k]])) as unknown as MemberFacts;

/**
 * 花名册导入: checks the whole file and writes the next IMPORT_BATCH of its valid rows (from
 * `offset`); the page calls again with the next offset until `finished`, showing progress. Every
 * call answers every rejected row (Excel row number + all its reasons), like the enterprise import.
 * A secretary imports into the branches they lead, an admin into any. A row with 编号 updates that
 * member; a row without adds one (counted from the current month, as upsertMember does) under an id
 * derived from branch, name and 入党日期 — so running the same file again adds nobody twice and
 * changes nothing. Each batch is audited with the rows before and after.
 *
 * No transaction (issue 19): a new row carries its stretch, so adding it is one insert (atomic; a
 * duplicate id means another run of the same file added it first), and a change is one update
 * conditioned on the row being as read — still active in that branch, with the facts compared —
 * so a transfer or an edit landing between the read and the write is never overwritten. The batch's
 * rows are read in ONE query, then one write per row that changes.
 */
export const importRoster = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({
    data: z.string().min(1).max(MAX_FILE_CHARS, '文件过大，请拆分后分次导入').regex(/^[A-Za-z0-9+/=]+$/, '文件内容格式不正确'),
    offset: z.number().int().min(0).max(MAX_SHEET_ROWS).optional(),
  }),
  async handler(p, ctx) {
    const _ = cmd();
    const offset = p.offset ?? 0;
    let sheet;
    try {
      sheet = await readFirstSheet(Buffer.from(p.data, 'base64'));
    } catch {
      throw new AppError('VALIDATION', '无法读取该文件，请使用导出的花名册另存为 .xlsx 后重试。');
    }
    if (sheet.length > MAX_SHEET_ROWS + 5) throw new AppError('VALIDATION', `一次最多导入 ${MAX_SHEET_ROWS} 行，请拆分文件后分次导入。`);
    const kept = await keptBranches(ctx.caller);
    if (kept && kept.length === 0) throw new AppError('FORBIDDEN', '您目前没有负责的支部。');
    const fileIds = [...new Set(sheet.flatMap((r) => r.cells.filter((c) => /^pm-[a-z0-9-]{6,60}$/.test(c.trim())).map((c) => c.trim())))];
    const [branches, enterprises, rows] = await Promise.all([
      col('branches').where(kept ? { _id: _.in(kept) } : {}).field({ name: true }).limit(1000).get(),
      col('enterprises').field({ name: true }).limit(1000).get(),
      fileIds.length ? col('partyMembers').where({ _id: _.in(fileIds), state: 'active' }).field({ branchId: true }).limit(1000).get() : { data: [] },
    ]);
    const keptIds = new Set(branches.data.map((b) => b._id));
    const { valid, rejected, missingHeaders } = checkRosterRows(sheet, {
      today: parkDay(),
      branches: new Map(branches.data.map((b) => [b.name, b._id] as [string, string])),
      enterprises: new Map(enterprises.data.map((e) => [e.name, e._id] as [string, string])),
      ids: new Map(rows.data.filter((m) => m.branchId && keptIds.has(m.branchId)).map((m) => [m._id, m.branchId!] as [string, string])),
    });
    if (missingHeaders.length) throw new AppError('VALIDATION', `文件缺少“${missingHeaders.join('、')}”列，请使用导出的花名册填写。`);

    const batch = valid.slice(offset, offset + IMPORT_BATCH);
    const created: string[] = [];
    const updated: { before: unknown; after: unknown }[] = [];
    let unchanged = 0;
    const from = rosterStart();
    const batchIds = batch.map((r) => r.id ?? memberIds.forImport(r.branchId, r.name, r.joinedOn));
    const { data: existing } = batchIds.length
      ? await col('partyMembers').where({ _id: _.in(batchIds) }).limit(batchIds.length).get()
      : { data: [] };
    const byId = new Map(existing.map((m) => [m._id, m]));
    for (const [i, r] of batch.entries()) {
      const id = batchIds[i];
      const facts = factsOf(r);
      const m = byId.get(id);
      if (!m) {
        try {
          await col('partyMembers').add({ _id: id, ...newRow(id, facts, r.branchId, from, null) });
          created.push(id);
        } catch (err) {
          // The same file imported twice at once: the other call added this row first.
          if (!isDuplicateKey(err)) throw err;
          unchanged++;
        }
        continue;
      }
      if (m.state !== 'active' || m.branchId !== r.branchId) { unchanged++; continue; }
      // A row whose person deleted their data is exported with a placeholder name: it stays blank.
      if (!m.name && facts.name === ERASED_NAME) facts.name = '';
      if (FACT_KEYS.every((k) => m[k] === facts[k])) { unchanged++; continue; }
      // Conditioned on the row as read: a transfer (branch, state) or another edit (the facts) in
      // between leaves it alone — counted unchanged; importing the file again applies it.
      const asRead = Object.fromEntries(FACT_KEYS.map((k) => [k, m[k]]));
      const { updated: n } = await col('partyMembers')
        .where({ _id: id, state: 'active', branchId: r.branchId, ...asRead })
        .update({ ...facts, updatedAt: new Date() });
      if (n) updated.push({ before: snapshot(m), after: snapshot({ ...m, ...facts }) });
      else unchanged++;
    }
    if (created.length || updated.length) {
      await audit(ctx, {
        fn: 'party', action: 'importRoster', target: `partyMembers/import/${parkDay()}`,
        before: { updated: updated.map((u) => u.before) },
        after: { created, updated: updated.map((u) => u.after), rows: batch.map((b) => b.rowNumber) },
      });
    }
    const done = Math.min(valid.length, offset + batch.length);
    return { total: valid.length + rejected.length, valid: valid.length, done, finished: done >= valid.length, created: created.length, updated: updated.length, unchanged, rejected };
  },
});
