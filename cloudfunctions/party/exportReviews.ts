import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64, type Row } from '../admin/public';
import { requireKeeper } from './months';
import { idParam } from './roster';
import { refuseFutureYear, STATUS_LABEL, yearParam } from './review';
import { branchYear } from './reviewList';

/**
 * 民主评议党员登记表 of one branch's year as an .xlsx file (base64, like the other ledgers): one row
 * per member with the three ratings, the result, the 警示谈话 and the state. Audited: it takes
 * personal data out of the system.
 */
export const exportReviews = action({
  roles: ['secretary', 'admin'],
  params: z.strictObject({ branchId: idParam, year: yearParam }),
  async handler({ branchId, year }, ctx) {
    refuseFutureYear(year);
    await requireKeeper(ctx.caller, branchId);
    const [[branch], lines] = await Promise.all([col('branches').doc(branchId).get().then((r) => r.data), branchYear(branchId, year)]);
    if (!branch) throw new AppError('NOT_FOUND', '没有这个党组织，请返回后刷新。');
    const rows: Row[] = lines.map((l) => ({
      name: l.name,
      leader: l.review?.leader ?? '',
      staff: l.review?.staff ?? '',
      branch: l.review?.branch ?? '',
      result: l.review?.result ?? '',
      talk: l.review?.talk ? `${l.review.talk.on} ${l.review.talk.by}：${l.review.talk.note}` : '',
      status: STATUS_LABEL[l.status],
    }));
    const wb = newWorkbook();
    addLedgerSheet(wb, {
      sheet: '民主评议党员',
      title: `${branch.name}民主评议党员登记表（${year}年度）`,
      subtitle: `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}　共 ${rows.length} 人　三评议：企业领导评议、职工评议、支部评议`,
      columns: [
        { key: 'name', header: '姓名', width: 10 },
        { key: 'leader', header: '企业领导评议', width: 12 },
        { key: 'staff', header: '职工评议', width: 10 },
        { key: 'branch', header: '支部评议', width: 10 },
        { key: 'result', header: '评议结果', width: 10 },
        { key: 'talk', header: '警示谈话', width: 40 },
        { key: 'status', header: '状态', width: 8 },
      ],
      rows,
    });
    const base64 = await toBase64(wb);
    await audit(ctx, { fn: 'party', action: 'exportReviews', target: `branches/${branchId}/reviews/${year}`, before: null, after: { rows: rows.length } });
    return { fileName: `${branch.name}_民主评议党员_${year}.xlsx`, base64, rows: rows.length };
  },
});
