import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { visitFigures } from '../../server/checkin/figures';
import { appointmentFigures } from '../../server/appointment/figures';
import { volunteerFigures } from '../../server/volunteer/figures';
import { figures as demandFigures } from '../demand/stats';
import { cmd } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { period, periodParams } from './shared';

/**
 * 数据看板: every figure of the period, each computed by its domain's figure function in the
 * database (server/<domain>/figures.ts; demands: the demand function's own `figures`). All run in
 * parallel: 4 aggregations for visits, 2 for appointments, 2 for volunteering, 2 for demands,
 * 2 counts — 12 database calls whatever the data size. Demands are counted by month of
 * submission (how the demand figures group), so the months the period touches.
 */
export const dashboard = action({
  roles: ['admin'],
  params: z.strictObject(periodParams),
  async handler(p) {
    const r = period(p);
    const _ = cmd();
    const demandMatch = { month: _.gte(r.from.slice(0, 7)).and(_.lte(r.to.slice(0, 7))), state: _.neq('cancelled') };
    const today = parkDay();
    const [visits, appointments, volunteer, demandTotal, demandByCategory, enterprises, users] = await Promise.all([
      visitFigures(r.from, r.to),
      appointmentFigures(r),
      volunteerFigures(r),
      demandFigures('none', demandMatch, today),
      demandFigures('category', demandMatch, today),
      col('enterprises').count(),
      col('users').count(),
    ]);
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
        total: demandTotal[0] ? { collected: demandTotal[0].collected, resolved: demandTotal[0].resolved, rate: demandTotal[0].rate, medianHours: demandTotal[0].medianHours, overdue: demandTotal[0].overdue } : { collected: 0, resolved: 0, rate: null, medianHours: null, overdue: 0 },
        byCategory: demandByCategory.map((c) => ({ category: String(c.key), collected: c.collected, resolved: c.resolved, overdue: c.overdue })).sort((a, b) => b.collected - a.collected),
      },
    };
  },
});
