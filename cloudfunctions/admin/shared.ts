import * as z from 'zod';
import { AppError } from '../../server/core/errors';
import { dayjs, parkDay } from '../../server/core/time';
import { parkRange, type Range } from '../../server/core/range';

import { dayParam, isCalendarDay } from '../../server/core/params';

export { dayParam };
export const periodParams = { from: dayParam.optional(), to: dayParam.optional() };

export const MAX_DAYS = 366;

/** The chosen period; by default the last 30 park days. */
export function period(p: { from?: string; to?: string }): Range {
  const to = p.to ?? parkDay();
  const from = p.from ?? dayjs(to).subtract(29, 'day').format('YYYY-MM-DD');
  if (!isCalendarDay(from) || !isCalendarDay(to)) throw new AppError('VALIDATION', '日期不正确，请重新选择。');
  if (from > to) throw new AppError('VALIDATION', '开始日期不能晚于结束日期，请重新选择。');
  if (dayjs(to).diff(dayjs(from), 'day') + 1 > MAX_DAYS) throw new AppError('VALIDATION', `一次最多统计 ${MAX_DAYS} 天，请缩小日期范围。`);
  return parkRange(from, to);
}
