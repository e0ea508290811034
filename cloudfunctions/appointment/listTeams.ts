import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';

/** The five service teams with how many experts each has (counted in the database). */
export const listTeams = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler() {
    const [teams, counts] = await Promise.all([
      col('teams').orderBy('order', 'asc').limit(100).get(),
      col('experts').aggregate().match({ active: true }).group({ _id: '$teamId', n: { $sum: 1 } }).limit(1000).end() as Promise<{ data: { _id: string; n: number }[] }>,
    ]);
    const n = new Map(counts.data.map((c) => [c._id, c.n]));
    return teams.data.map((t) => ({ id: t._id, kind: t.kind, name: t.name, description: t.description, experts: n.get(t._id) ?? 0 }));
  },
});
