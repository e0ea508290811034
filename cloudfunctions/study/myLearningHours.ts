import * as z from 'zod';
import { action } from '../../server/core/router';
import { parkYear } from './calendar';
import { attendanceRows, leadersAmong } from './hoursQuery';
import { LEARNING_HOURS_RULE, tallyYear, targetOf } from './learningHours';

/**
 * 本年度集中学习学时: the caller's own counted sessions of a park year and their total against 32
 * (56 for a branch secretary now). Only the caller's own figure — no one else's, no rank. Two reads
 * in parallel (the attendance aggregation, whether the caller is a secretary); counting by the
 * rules in learningHours.ts.
 */
export const myLearningHours = action({
  roles: ['member'],
  params: z.strictObject({ year: z.number().int().min(2020).max(2100).optional() }),
  async handler(p, { caller }) {
    const year = p.year ?? parkYear();
    const [rows, leaders] = await Promise.all([attendanceRows(caller.openid, year), leadersAmong([caller.openid])]);
    const { hours, sessions } = tallyYear(rows, year);
    return { year, hours, target: targetOf(leaders.has(caller.openid)), sessions, rule: LEARNING_HOURS_RULE };
  },
});
