/**
 * The 党员花名册 for the admin console's export registry (cloudfunctions/admin/ledgerRegistry.ts):
 * every active row of the park, the same columns as party.exportRoster (rosterSheet.ts).
 */
import type { Ledger } from '../../server/core/ledger';
import { ROSTER_COLUMNS, rosterCount, rosterRows } from './rosterSheet';

export const rosterLedger: Ledger = {
  key: 'partyRoster',
  title: '党员花名册',
  periodic: false,
  columns: ROSTER_COLUMNS.map(({ key, header, type, width }) => ({ key, header, type, width })),
  count: () => rosterCount(null),
  rows: (_range, skip, limit) => rosterRows(null, skip, limit),
};
