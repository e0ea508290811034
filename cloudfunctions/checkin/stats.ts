import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError } from '../../server/core/errors';
import { dayjs, parkDay } from '../../server/core/time';
import { daysBetween, visitFigures } from './figures';
import { dayParam } from './shared';

const MAX_DAYS = 366;

/**
 * Visits per day, per venue and per event, and unique people, for a range of park days.
 * Computed by `visitFigures` (cloudfunctions/checkin/figures.ts), which the admin dashboard shares.
 */
export const stats = action({
  roles: ['admin'],
  params: z.strictObject({ from: dayParam.optional(), to: dayParam.optional() }),
  async handler(p) {
    const to = p.to ?? parkDay();
    const from = p.from ?? dayjs(to).subtract(6, 'day').format('YYYY-MM-DD');
    if (from > to) throw new AppError('VALIDATION', '开始日期不能晚于结束日期，请重新选择。');
    if (daysBetween(from, to).length > MAX_DAYS) throw new AppError('VALIDATION', `一次最多统计 ${MAX_DAYS} 天，请缩小日期范围。`);

    return visitFigures(from, to);
  },
});
