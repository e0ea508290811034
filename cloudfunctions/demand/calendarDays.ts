/**
 * The park calendar admins maintain (园区工作日历): the exceptions to a Monday–Friday week — 法定节假日
 * (off, even on a weekday) and 调休 (a working weekend) — one document per day in `parkCalendar`.
 * Nothing is seeded: a park enters each year's holidays when the State Council publishes them, and
 * until then weekends alone are off. Every change is audited, and since the service-level clock
 * is always read from the timeline against this table (./sla.ts), it re-evaluates open demands and
 * the figures at once.
 */
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { dayParam } from '../../server/core/params';
import { parkDay } from '../../server/core/time';
import { AppError } from '../../server/core/errors';
import { daysBetween, isWorkingDay } from './calendar';
import { loadCalendar } from './sla';

/** The exceptions between two days (default: this year and the next), and each day's standing. */
export const calendar = action({
  roles: ['admin'],
  params: z
    .strictObject({ from: dayParam.optional(), to: dayParam.optional() })
    .refine((p) => !p.from || !p.to || (p.from <= p.to && daysBetween(p.from, p.to) <= 800), '日期范围应在 800 天以内且起始不晚于结束'),
  async handler({ from, to }) {
    const today = parkDay();
    const start = from ?? `${today.slice(0, 4)}-01-01`;
    const end = to ?? `${Number(today.slice(0, 4)) + 1}-12-31`;
    const _ = cmd();
    const { data } = await col('parkCalendar').where({ day: _.gte(start).and(_.lte(end)) }).orderBy('day', 'asc').limit(1000).get();
    return { from: start, to: end, days: data.map((d) => ({ day: d.day, rule: d.rule, name: d.name, updatedAt: d.updatedAt })) };
  },
});

/**
 * Marks days (up to a month at once: a holiday week) as 节假日 (`holiday`), 调休上班 (`workday`), or back
 * to the plain week (`normal`, which removes the exception). Audited with each day's rule before.
 */
export const setCalendarDays = action({
  roles: ['admin'],
  params: z.strictObject({
    days: z.array(dayParam).min(1).max(31),
    rule: z.enum(['holiday', 'workday', 'normal']),
    name: z.string().trim().max(20).optional(),
  }),
  async handler({ days, rule, name }, ctx) {
    const unique = [...new Set(days)].sort();
    if (rule !== 'normal' && !name) throw new AppError('VALIDATION', '请填写节假日或调休的名称，例如“国庆节”。');
    const cal = await loadCalendar();
    const before = unique.map((day) => ({ day, rule: cal.get(day) ?? 'normal', working: isWorkingDay(day, cal) }));
    const at = new Date();
    const _ = cmd();
    if (rule === 'normal') {
      await col('parkCalendar').where({ _id: _.in(unique) }).remove();
    } else {
      // One upsert per day, keyed by the day: a repeat is the same row, never a second one.
      await Promise.all(unique.map((day) => col('parkCalendar').doc(day).set({ day, rule, name: name ?? '', updatedAt: at, updatedBy: ctx.caller.openid })));
    }
    await audit(ctx, { fn: 'demand', action: 'setCalendarDays', target: `parkCalendar/${unique[0]}..${unique[unique.length - 1]}`, before, after: { rule, name: name ?? '', days: unique } });
    const after = await loadCalendar();
    return { days: unique.map((day) => ({ day, rule: after.get(day) ?? 'normal', working: isWorkingDay(day, after) })) };
  },
});

