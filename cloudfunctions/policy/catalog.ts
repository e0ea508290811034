import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { parkDay } from '../../server/core/time';
import { policyStatus } from './terms';

/** Every policy's id, title and status in one read, for the admin's package editor to pick from. */
export const catalog = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const today = parkDay();
    const { data } = await col('policies').orderBy('issuedAt', 'desc').limit(1000).field({ title: true, level: true, category: true, applyFrom: true, applyTo: true }).get();
    return data.map((p) => ({ id: p._id, title: p.title, level: p.level, category: p.category, status: policyStatus(p.applyFrom, p.applyTo, today) }));
  },
});
