import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { visitFigures } from '../../server/checkin/figures';
import { appointmentFigures } from '../../server/appointment/figures';
import { period, periodParams } from './shared';

/**
 * 数据看板: every figure of the period, each computed by its domain's figure function in the
 * database (server/<domain>/figures.ts). All run in parallel: 4 aggregations for visits, 2 for
 * appointments, 2 counts — 8 database calls whatever the data size.
 */
export const dashboard = action({
  roles: ['admin'],
  params: z.strictObject(periodParams),
  async handler(p) {
    const r = period(p);
    const [visits, appointments, enterprises, users] = await Promise.all([
      visitFigures(r.from, r.to),
      appointmentFigures(r),
      col('enterprises').count(),
      col('users').count(),
    ]);
    return {
      from: r.from,
      to: r.to,
      totals: { enterprises: enterprises.total, users: users.total },
      visits,
      appointments,
    };
  },
});
