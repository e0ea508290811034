import * as z from 'zod';
import { action } from '../../server/core/router';
import { loadOrgLifeRules } from './orgLifeRules';

/** The 三会一课 / 主题党日 rule table in force: how often each kind must be held. */
export const getOrgLifeRules = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({}),
  async handler() {
    const r = await loadOrgLifeRules();
    return { version: r.version, rules: r.rules, updatedAt: new Date(r.updatedAt).toISOString() };
  },
});
