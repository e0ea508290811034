/**
 * What a domain's ledger is, for the admin console's export (types only): each domain builds its
 * ledgers (each domain's ledger.ts) against this contract and offers them in its public
 * module; the admin function's registry lists them and writes any of them as an .xlsx file.
 */
import type { Range } from './range';

/** `percent`: a fraction (0.8125) shown as 81.3% — still a number Excel can sum and chart. */
export type ColumnType = 'text' | 'number' | 'percent' | 'day' | 'datetime';

export interface Column {
  key: string;
  header: string;
  type?: ColumnType;
  width?: number;
}

export type Row = Record<string, unknown>;

export interface Ledger {
  key: string;
  title: string;
  /** Whether the period applies (a ledger of enterprises is a snapshot, not a period). */
  periodic: boolean;
  columns: Column[];
  /** Up to `limit` rows; `skip`/`limit` pages are read by `readAll`. */
  rows(range: Range, skip: number, limit: number): Promise<Row[]>;
  /** How many rows the period has (one count call). */
  count(range: Range): Promise<number>;
  /**
   * A second sheet of figures over the whole ledger (e.g. coverage beside the organisations), read
   * in parallel with the rows. A sheet of its own rather than a block under the table, so the first
   * sheet stays one table a clerk can sort and filter.
   */
  summary?(range: Range): Promise<LedgerSummary>;
}

export interface LedgerSummary {
  sheet: string;
  title: string;
  note: string;
  columns: Column[];
  rows: Row[];
}
