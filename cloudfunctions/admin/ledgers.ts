import * as z from 'zod';
import { action } from '../../server/core/router';
import { LEDGERS, MAX_ROWS } from './ledgerRegistry';

/** The ledgers the console can export (the registry in cloudfunctions/admin/ledgerRegistry.ts). */
export const ledgers = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return { maxRows: MAX_ROWS, ledgers: LEDGERS.map((l) => ({ key: l.key, title: l.title, periodic: l.periodic, columns: l.columns.map((c) => c.header) })) };
  },
});
