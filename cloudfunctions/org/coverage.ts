import * as z from 'zod';
import { action } from '../../server/core/router';
import { coverageFigures } from './coverageFigures';

/** Coverage figures, computed not typed (cloudfunctions/org/coverageFigures.ts: one aggregation of the ledger). */
export const coverage = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return { ...(await coverageFigures()), computedAt: new Date().toISOString() };
  },
});
