import * as z from 'zod';
import { action } from '../../server/core/router';
import { inPark } from '../../server/core/time';
import { idParam } from './shared';
import { loadRoster } from './rosterData';

/** A cell as CSV wants it; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const time = (d: Date | string | null) => (d ? inPark(d).format('YYYY-MM-DD HH:mm') : '');

/** The roster as CSV (UTF-8 with BOM so Excel shows the Chinese); Excel export comes with the admin capability. */
export const exportRoster = action({
  roles: ['admin'],
  params: z.strictObject({ activityId: idParam }),
  async handler({ activityId }, ctx) {
    const { activity, people } = await loadRoster(activityId, ctx);
    const head = ['序号', '姓名', '手机号', '单位', '报名状态', '候补位次', '签到时间', '签退时间', '志愿时长（分钟）', '出勤', '累计缺席次数'];
    const lines = people.map((p, i) =>
      [i + 1, p.name, p.phone, p.organisation, p.statusLabel, p.waitlistPosition ?? '', time(p.signedInAt), time(p.signedOutAt), p.minutes, p.attendanceLabel, p.noShowsEver]
        .map(csvCell)
        .join(','),
    );
    const day = inPark(activity.startAt).format('YYYYMMDD');
    return {
      filename: `志愿活动名单-${day}-${activity.title.slice(0, 20)}.csv`,
      csv: '\uFEFF' + [head.join(','), ...lines].join('\r\n') + '\r\n',
      rows: people.length,
    };
  },
});
