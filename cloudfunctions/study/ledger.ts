/**
 * 党员学习完成情况 for the export registry: one row per study group per month, with members,
 * finished and the rate. Per group rather than per person because that is what a park reports
 * upward (the 一月一专题 completion of each branch's group); who has not finished is the
 * secretaries' own working list (the completion page), not a figure sent upward. Counted by the
 * study domain's own definition (cloudfunctions/study/groupCompletion.ts), in pages, in the database.
 */
import type { Ledger } from '../../server/core/ledger';
import { groupCompletion, groupMonthCount } from './groupCompletion';
import { monthLabel } from './calendar';

const months = (r: { from: string; to: string }) => [r.from.slice(0, 7), r.to.slice(0, 7)] as const;

export const studyCompletionLedger: Ledger = {
  key: 'studyCompletion',
  title: '党员学习完成情况',
  periodic: true,
  columns: [
    { key: 'month', header: '月份', width: 10 },
    { key: 'groupName', header: '学习小组', width: 30 },
    { key: 'kind', header: '类型', width: 8 },
    { key: 'topicTitle', header: '本月专题', width: 30 },
    { key: 'members', header: '成员数', type: 'number', width: 8 },
    { key: 'started', header: '已参加学习', type: 'number', width: 10 },
    { key: 'allRead', header: '学完资料', type: 'number', width: 10 },
    { key: 'recorded', header: '写了自学记录', type: 'number', width: 12 },
    { key: 'finished', header: '已完成', type: 'number', width: 8 },
    { key: 'rate', header: '完成率', type: 'percent', width: 8 },
  ],
  async count(r) {
    return groupMonthCount(...months(r));
  },
  async rows(r, skip, limit) {
    const rows = await groupCompletion(...months(r), skip, limit);
    return rows.map((g) => ({ ...g, month: monthLabel(g.month), kind: g.kind === 'branch' ? '支部' : '专题' }));
  },
};
