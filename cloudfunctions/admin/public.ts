/** What other domains may use of admin: the document types of its collections. */
export type { ImportChunkDoc } from './docs';

/**
 * The console's Excel helpers, for a domain that hands its keepers a file of their own (the party
 * domain's 花名册, 党费收缴登记本 and 发展档案): one way to write and read a ledger sheet, whatever
 * function ships it. A function importing these bundles exceljs's in-memory workbook (~0.6 MB;
 * scripts/build-functions.ts stubs its streaming parts for every bundle).
 */
export { addLedgerSheet, newWorkbook, readFirstSheet, toBase64 } from './excel';
export type { Column, Row } from './excel';
