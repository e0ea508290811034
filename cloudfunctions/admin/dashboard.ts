import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { visitFigures } from '../checkin/public';
import { appointmentFigures } from '../appointment/public';
import { volunteerFigures } from '../volunteer/public';
import { demandClock, figures as demandFigures } from '../demand/public';
import { groupCompletion, GROUP_MONTHS_MAX } from '../study/public';
import { coverageFigures, quarterOf, starFigures } from '../org/public';
import { period, periodParams } from './shared';

/**
 * 数据看板: every figure of the period, each computed by its domain's figure function in the
 * database (each domain's figures.ts, through its public.ts; demands: the demand function's own `figures`). All run in
 * parallel: 4 aggregations for visits, 2 for appointments, 2 for volunteering, 2 for demands (and
 * the park calendar they read the service-level clock against),
 * 1 for study completion by group (cloudfunctions/study/groupCompletion.ts, the study domain's own definition),
 * 1 for coverage (cloudfunctions/org/coverageFigures.ts, the coverage page's), 1 for the star distribution,
 * 2 counts — 16 database calls whatever the data size. Demands and study are counted by month
 * (how their figures group), so the months the period touches. Coverage is a snapshot (the ledger
 * as it is now); stars are the latest quarter finalised by the end of the period.
 */
export const dashboard = action({
  roles: ['admin'],
  params: z.strictObject(periodParams),
  async handler(p) {
    const r = period(p);
    const _ = cmd();
    const demandMatch = { month: _.gte(r.from.slice(0, 7)).and(_.lte(r.to.slice(0, 7))), state: _.neq('cancelled') };
    const demandClockP = demandClock(`${r.from.slice(0, 7)}-01`);
    const [visits, appointments, volunteer, demandTotal, demandByCategory, study, coverage, stars, enterprises, users] = await Promise.all([
      visitFigures(r.from, r.to),
      appointmentFigures(r),
      volunteerFigures(r),
      demandFigures('none', demandMatch, demandClockP),
      demandFigures('category', demandMatch, demandClockP),
      // One row more than is shown tells whether the figure was cut (G-20: it stopped at 500 silently).
      groupCompletion(r.from.slice(0, 7), r.to.slice(0, 7), 0, GROUP_MONTHS_MAX + 1),
      coverageFigures(),
      starFigures(quarterOf(new Date(r.end.getTime() - 1))),
      col('enterprises').count(),
      col('users').count(),
    ]);
    const studyShown = studyRows(study);
    return {
      from: r.from,
      to: r.to,
      totals: { enterprises: enterprises.total, users: users.total },
      visits,
      appointments,
      volunteer,
      demands: {
        fromMonth: r.from.slice(0, 7),
        toMonth: r.to.slice(0, 7),
        total: demandTotal[0]
          ? { collected: demandTotal[0].collected, resolved: demandTotal[0].resolved, rate: demandTotal[0].rate, medianHours: demandTotal[0].medianHours, overdue: demandTotal[0].overdue, onTimeRate: demandTotal[0].onTimeRate, medianWorkingDays: demandTotal[0].medianWorkingDays }
          : { collected: 0, resolved: 0, rate: null, medianHours: null, overdue: 0, onTimeRate: null, medianWorkingDays: null },
        byCategory: demandByCategory.map((c) => ({ category: String(c.key), collected: c.collected, resolved: c.resolved, overdue: c.overdue })).sort((a, b) => b.collected - a.collected),
      },
      study: {
        fromMonth: r.from.slice(0, 7),
        toMonth: r.to.slice(0, 7),
        // Set when the period has more group-months than a chart can hold: the page says so and up to which month it counts.
        cutAfter: studyShown.cutAfter,
        byGroup: studyShown.rows.map((g) => ({ groupId: g.groupId, groupName: g.groupName, month: g.month, members: g.members, finished: g.finished, rate: g.rate })),
      },
      coverage: { counts: coverage.park.counts, rates: coverage.park.rates },
      stars,
    };
  },
});

/**
 * The group-months the dashboard shows, given up to GROUP_MONTHS_MAX + 1 rows ordered by month:
 * all of them, or — when there are more — whole months only (a month with some of its groups
 * missing would read as those groups having no topic), and `cutAfter` the last month counted so
 * the page can say 「仅统计至 …」 instead of cutting silently (findings G-20). A single month with
 * more groups than the cap keeps the first GROUP_MONTHS_MAX rows rather than none.
 */
export function studyRows<T extends { month: string }>(rows: T[]): { rows: T[]; cutAfter: string | null } {
  if (rows.length <= GROUP_MONTHS_MAX) return { rows, cutAfter: null };
  const kept = rows.slice(0, GROUP_MONTHS_MAX);
  const partial = rows[GROUP_MONTHS_MAX].month;
  const whole = kept.filter((r) => r.month < partial);
  const shown = whole.length > 0 ? whole : kept;
  return { rows: shown, cutAfter: shown[shown.length - 1].month };
}
