/**
 * Params several functions read the same way: a park time `2026-11-23 14:30` (Asia/Shanghai
 * whatever the server's zone) and a park day `2026-11-23`.
 */
import * as z from 'zod';
import { dayjs, PARK_TZ } from './time';

export const parkTimeParam = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/, '时间格式应为 2026-11-23 14:30')
  .transform((s, ctx) => {
    const d = dayjs.tz(s.replace('T', ' '), PARK_TZ);
    if (!d.isValid()) {
      ctx.addIssue({ code: 'custom', message: '不是有效的时间' });
      return z.NEVER;
    }
    return d.toDate();
  });

export const dayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-11-23');
