/** What other domains may use of admin: the document types of its collections. */
export type { ImportChunkDoc } from './docs';

/**
 * The Excel helpers (exceljs in-memory workbook), for domains that export or import a sheet of
 * their own to people other than admins (party's 花名册 for secretaries). Same layout everywhere.
 */
export { addLedgerSheet, newWorkbook, readFirstSheet, toBase64 } from './excel';
