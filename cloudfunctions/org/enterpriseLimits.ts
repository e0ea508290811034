/**
 * The one set of limits on an enterprise's registered name and headcount, used by the ledger form
 * (createEnterprise / updateEnterprise) and the Excel import alike (G-15: the import allowed 60
 * characters and 0 employees, so an imported entry could not be saved again on the ledger page).
 *
 * Names are stored in one canonical spelling (`canonicalName`) so that the existing unique index
 * `uniq_name` on `enterprises.name` is what refuses 「星河(苏州)」 next to 「星河（苏州）」: the
 * invariant stays in the database, with no second key field every writer would have to keep in step.
 */
import * as z from 'zod';
import { MAX_HEADCOUNT } from '../policy/public';

export const NAME_MIN = 2;
export const NAME_MAX = 40;
export const HEADCOUNT_MIN = 1;

const FULLWIDTH_ALNUM = /[Ａ-Ｚａ-ｚ０-９]/g;

/**
 * The spelling a name is stored and matched under: full-width brackets （） as in the business
 * registration (工商登记), full-width letters and digits as ASCII, no spaces next to Chinese text or
 * brackets, other runs of spaces as one. Idempotent.
 */
export function canonicalName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[(（﹙]/g, '（')
    .replace(/[)）﹚]/g, '）')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/ (?=[^\x20-\x7e])|(?<=[^\x20-\x7e]) /g, '');
}

export const NAME_MESSAGES = { min: '请填写企业全称', max: `企业名称不能超过 ${NAME_MAX} 字` };
export const HEADCOUNT_MESSAGE = `从业人员应为 ${HEADCOUNT_MIN} 至 ${MAX_HEADCOUNT} 的整数`;

/** The registered name as every writer accepts it, already in its canonical spelling. */
export const enterpriseNameParam = z
  .string()
  .transform(canonicalName)
  .pipe(z.string().min(NAME_MIN, NAME_MESSAGES.min).max(NAME_MAX, NAME_MESSAGES.max));

export const headcountParam = z.number({ error: HEADCOUNT_MESSAGE }).int(HEADCOUNT_MESSAGE).min(HEADCOUNT_MIN, HEADCOUNT_MESSAGE).max(MAX_HEADCOUNT, HEADCOUNT_MESSAGE);
