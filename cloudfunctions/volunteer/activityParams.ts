/** The fields of an activity an admin fills in (create) or changes (update), and their rules. */
import * as z from 'zod';
import { AppError } from '../../server/core/errors';
import { CATEGORIES, parkTimeParam } from './shared';

export const activityFields = {
  title: z.string().trim().min(2, '请填写活动名称').max(40),
  description: z.string().trim().max(1000),
  category: z.enum(CATEGORIES),
  tags: z.array(z.string().trim().min(1).max(10)).max(5),
  teamId: z.string().trim().min(1).max(64),
  place: z.string().trim().min(2, '请填写活动地点').max(60),
  startAt: parkTimeParam,
  endAt: parkTimeParam,
  signupOpensAt: parkTimeParam,
  signupClosesAt: parkTimeParam,
  cancelClosesAt: parkTimeParam,
  capacity: z.number().int().min(1, '名额至少 1 人').max(2000, '名额最多 2000 人'),
  eligibility: z.enum(['all', 'members']),
};

export interface Times {
  startAt: Date;
  endAt: Date;
  signupOpensAt: Date;
  signupClosesAt: Date;
  cancelClosesAt: Date;
}

const t = (d: Date) => d.getTime();

/** One rule per sentence, checked on the merged result so an update cannot break them either. */
export function checkTimes(x: Times): void {
  if (t(x.endAt) <= t(x.startAt)) throw new AppError('VALIDATION', '结束时间需晚于开始时间，请修改后重试。');
  if (t(x.endAt) - t(x.startAt) > 24 * 3600_000) throw new AppError('VALIDATION', '一次活动最长 24 小时，请拆分为多次活动。');
  if (t(x.signupClosesAt) > t(x.startAt)) throw new AppError('VALIDATION', '报名截止时间不能晚于活动开始时间。');
  if (t(x.signupOpensAt) >= t(x.signupClosesAt)) throw new AppError('VALIDATION', '报名开始时间需早于报名截止时间。');
  if (t(x.cancelClosesAt) > t(x.startAt)) throw new AppError('VALIDATION', '取消截止时间不能晚于活动开始时间。');
}

/** Defaults: sign-up opens now and closes at the start; cancelling closes 2 hours before the start. */
export function defaultTimes(startAt: Date, now = new Date()): Pick<Times, 'signupOpensAt' | 'signupClosesAt' | 'cancelClosesAt'> {
  const twoHoursBefore = new Date(t(startAt) - 2 * 3600_000);
  return {
    signupOpensAt: now.getTime() < t(startAt) ? now : new Date(t(startAt) - 3600_000),
    signupClosesAt: startAt,
    cancelClosesAt: twoHoursBefore.getTime() > now.getTime() ? twoHoursBefore : startAt,
  };
}
