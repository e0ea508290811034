import * as z from 'zod';
import { action } from '../../server/core/router';
import { EVIDENCE_PROVIDERS } from './evidence';
import { loadRubric } from './ratingData';
import { vetoRulesOf } from './scoring';

/** The rubric in force and the evidence sources an item can use (with whether each has data yet). */
export const getRubric = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({}),
  async handler() {
    const r = await loadRubric();
    return {
      version: r.version,
      items: r.items,
      bands: [...r.bands].sort((a, b) => b.stars - a.stars),
      vetoRules: vetoRulesOf(r),
      updatedAt: new Date(r.updatedAt).toISOString(),
      sources: Object.values(EVIDENCE_PROVIDERS).map((p) => ({ key: p.key, label: p.label, unit: p.unit, available: p.available, describe: p.describe })),
    };
  },
});
