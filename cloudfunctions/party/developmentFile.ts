import * as z from 'zod';
import { ERASED_NAME } from './roster';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { inPark } from '../../server/core/time';
import { addLedgerSheet, newWorkbook, toBase64 } from '../admin/public';
import { addYears, fileToRead, nextStage, stageDay } from './development';
import { idParam } from './duesShared';

/**
 * 发展党员档案 of one person: every step with its day, who recorded it and when, the 培养联系人, the
 * roster row it led to, and what the next step needs (earliest day). `excel: true` adds the same as
 * an .xlsx file (base64) for the paper 档案; that export is written to the audit log.
 * Readable by the branch's keeper, admins and the person (bound openid); anyone else gets NOT_FOUND.
 */
export const developmentFile = action({
  roles: 'anyone',
  params: z.strictObject({ id: idParam, excel: z.boolean().default(false) }),
  async handler({ id, excel }, ctx) {
    const d = await fileToRead(ctx.caller, id);
    // Blank after the person deleted their data (privacy.ts): the file stays, under a placeholder.
    const name = d.name || ERASED_NAME;
    const _ = cmd();
    const actors = [...new Set([...d.steps.map((s) => s.by), ...(d.withdrawal ? [d.withdrawal.by] : [])])];
    const [{ data: users }, { data: contacts }, { data: branch }, { data: ent }] = await Promise.all([
      actors.length ? col('users').where({ _id: _.in(actors) }).field({ profile: true }).limit(50).get() : { data: [] },
      d.contacts.length ? col('partyMembers').where({ _id: _.in(d.contacts) }).field({ name: true }).limit(2).get() : { data: [] },
      col('branches').doc(d.branchId).get(),
      d.enterpriseId ? col('enterprises').doc(d.enterpriseId).get() : { data: [] },
    ]);
    const nameOf = (openid: string) => users.find((u) => u._id === openid)?.profile?.name ?? '（未填姓名）';
    const next = d.state === 'active' ? nextStage(d.stage) : null;
    const earliest =
      next === '发展对象' ? addYears(stageDay(d, '入党积极分子')!, 1) : next === '正式党员' ? addYears(stageDay(d, '预备党员')!, 1) : next ? d.stageOn : null;
    const record = {
      id: d._id,
      name,
      branchId: d.branchId,
      branchName: branch[0]?.name ?? '',
      enterpriseName: (ent[0] as { name?: string } | undefined)?.name ?? null,
      stage: d.stage,
      stageOn: d.stageOn,
      state: d.state,
      withdrawal: d.withdrawal ? { reason: d.withdrawal.reason, byName: nameOf(d.withdrawal.by), at: new Date(d.withdrawal.at).toISOString() } : null,
      contacts: contacts.map((c) => ({ memberId: c._id, name: c.name })),
      memberId: d.memberId,
      steps: d.steps.map((s) => ({ stage: s.stage, on: s.on, byName: nameOf(s.by), at: new Date(s.at).toISOString(), note: s.note })),
      next: next ? { stage: next, earliestOn: earliest, needsContacts: next === '发展对象' && d.contacts.length < 2 } : null,
    };
    if (!excel) return { record, file: null };
    const wb = newWorkbook();
    addLedgerSheet(wb, {
      sheet: '发展党员档案',
      title: `发展党员档案：${name}`,
      subtitle: [record.branchName, record.enterpriseName, `培养联系人：${record.contacts.map((c) => c.name).join('、') || '未确定'}`, `导出时间：${inPark(new Date()).format('YYYY-MM-DD HH:mm')}`].filter(Boolean).join('　'),
      columns: [
        { key: 'stage', header: '阶段', width: 14 },
        { key: 'on', header: '日期', type: 'day', width: 12 },
        { key: 'byName', header: '登记人', width: 12 },
        { key: 'at', header: '登记时间', type: 'datetime' },
        { key: 'note', header: '备注', width: 40 },
      ],
      rows: [
        ...record.steps,
        ...(record.withdrawal ? [{ stage: '终止发展', on: '', byName: record.withdrawal.byName, at: record.withdrawal.at, note: record.withdrawal.reason }] : []),
      ],
    });
    const base64 = await toBase64(wb);
    await audit(ctx, { fn: 'party', action: 'developmentFile', target: `partyDevelopment/${d._id}`, before: null, after: { excel: true } });
    return { record, file: { fileName: `发展党员档案_${name}.xlsx`, base64 } };
  },
});
