/**
 * The exporter registry: each domain contributes its ledgers as `{ key, title, columns, rows(range) }`
 * (in each domain's ledger.ts, offered in its public.ts) and `admin.exportLedger { key, from, to }` turns any of them into
 * an .xlsx file. A domain that lands later exports its ledger from its public.ts and adds one line here.
 */
import type { Ledger } from '../../server/core/ledger';
import type { Row } from './excel';
import type { Range } from '../../server/core/range';
import { enterpriseLedger, organisationLedger } from '../org/public';
import { studyCompletionLedger } from '../study/public';
import { checkinLedger } from '../checkin/public';
import { appointmentLedger } from '../appointment/public';
import { volunteerHoursLedger } from '../volunteer/public';
import { demandLedger } from '../demand/public';
import { rosterLedger } from '../party/public';

/**
 * At most this many rows per file. A CloudBase function's reply is limited to about 6 MB and
 * the file travels base64-encoded in it; 10,000 rows of a dozen columns make an .xlsx of about
 * 0.5–1 MB. Beyond it the sheet says it is cut and asks for a shorter period.
 */
export const MAX_ROWS = 10_000;
/** The database answers at most 1,000 documents per read. */
export const PAGE = 1_000;

export type { Ledger, LedgerSummary } from '../../server/core/ledger';

export const LEDGERS: Ledger[] = [enterpriseLedger, organisationLedger, checkinLedger, appointmentLedger, volunteerHoursLedger, demandLedger, studyCompletionLedger, rosterLedger];

export function findLedger(key: string): Ledger | undefined {
  return LEDGERS.find((l) => l.key === key);
}

/**
 * Every row of a period, capped at MAX_ROWS: one count, then the pages read in parallel —
 * at most 1 + MAX_ROWS / PAGE = 11 database calls whatever the data size.
 */
export async function readAll(ledger: Ledger, range: Range): Promise<{ rows: Row[]; total: number; truncated: boolean }> {
  const total = await ledger.count(range);
  const take = Math.min(total, MAX_ROWS);
  const pages: Promise<Row[]>[] = [];
  for (let skip = 0; skip < take; skip += PAGE) pages.push(ledger.rows(range, skip, Math.min(PAGE, take - skip)));
  const rows = (await Promise.all(pages)).flat();
  return { rows, total, truncated: total > MAX_ROWS };
}
