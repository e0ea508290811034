/**
 * `admin`: the admin console's own actions — the dashboard's figures, ledger exports, the
 * enterprise import, the audit log and user lists. Each domain's management stays in its own
 * function; the console links to those pages. Bundles exceljs (in-memory workbook only).
 * This folder is the whole `admin` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { dashboard } from './dashboard';
import { ledgers } from './ledgers';
import { exportLedger } from './exportLedger';
import { importTemplate } from './importTemplate';
import { importUpload } from './importUpload';
import { importRun } from './importRun';
import { auditLog } from './auditLog';
import { users } from './users';
import { outbox } from './outbox';

export const actions = {
  dashboard,
  ledgers,
  exportLedger,
  importTemplate,
  importUpload,
  importRun,
  auditLog,
  users,
  outbox,
};

export const main = makeMain('admin', actions);
