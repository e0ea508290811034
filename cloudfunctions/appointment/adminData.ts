import * as z from 'zod';
import { action } from '../../server/core/router';
import { col, cmd } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { expertView } from './shared';

/** What the admin pages choose from: enterprises, experts, venues, running pairings, roving days ahead. */
export const adminData = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const [enterprises, experts, venues, pairings, roving] = await Promise.all([
      col('enterprises').orderBy('name', 'asc').field({ name: true }).limit(1000).get(),
      col('experts').where({ active: true }).orderBy('name', 'asc').limit(1000).get(),
      col('venues').orderBy('order', 'asc').limit(100).get(),
      col('pairings').where({ endedAt: null, until: cmd().gt(new Date()) }).orderBy('from', 'desc').limit(500).get(),
      col('rovingDays').where({ date: cmd().gte(parkDay()) }).orderBy('date', 'asc').limit(100).get(),
    ]);
    return {
      enterprises: enterprises.data.map((e) => ({ id: e._id, name: e.name })),
      experts: experts.data.map(expertView),
      venues: venues.data.map((v) => ({ id: v._id, name: v.name, address: v.address })),
      pairings: pairings.data.map((p) => ({ id: p._id, enterpriseName: p.enterpriseName, expertName: p.expertName, teamId: p.teamId, from: p.from, until: p.until, note: p.note })),
      rovingDays: roving.data.map((r) => ({ id: r._id, teamId: r.teamId, date: r.date, title: r.title, place: r.place, blocks: r.blocks, expertIds: r.expertIds })),
    };
  },
});
