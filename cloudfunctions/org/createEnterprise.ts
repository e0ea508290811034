import { randomInt } from 'crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { EnterpriseDoc } from './docs';
import { createLedgerEntry } from './ledgerWrite';
import { inconsistency, ledgerFacts } from './ledgerFields';
import { dayParam } from '../../server/core/params';
import { ledgerPatchShape } from './shared';
import { INDUSTRIES } from '../policy/public';
import { enterpriseNameParam, headcountParam } from './enterpriseLimits';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * An admin enters a new enterprise into the ledger (the invite code for its contact is issued separately).
 *
 * Round trips (issue 19; six before): four — the caller's user record; the 建档 row and the entry
 * (ledgerWrite.createLedgerEntry: a saga, the entry's insert deciding, instead of a transaction's
 * start + commit); the audit row. A taken name costs the 建档 row's removal more, on the refusal only.
 */
export const createEnterprise = action({
  roles: ['admin'],
  params: z.strictObject({
    ...ledgerPatchShape,
    name: enterpriseNameParam,
    industry: z.enum(INDUSTRIES),
    foundedAt: dayParam,
    headcount: headcountParam,
  }),
  async handler(p, ctx) {
    const at = new Date();
    const doc: EnterpriseDoc = {
      name: p.name, industry: p.industry, headcount: p.headcount, foundedAt: p.foundedAt,
      qualifications: p.qualifications ?? [], contactOpenids: [], createdAt: at,
      annualRevenueWan: p.annualRevenueWan ?? null, building: p.building ?? '',
      workforce: p.workforce ?? { activists: 0, applicants: 0 },
      partyMembers: p.partyMembers ?? { full: 0, probationary: 0, registeredInPark: 0 },
      legalPerson: p.legalPerson ?? { name: '', isPartyMember: false },
      investor: p.investor ?? { name: '', isPartyMember: false },
      instructor: null, ledgerUpdatedAt: at, ledgerUpdatedBy: ctx.caller.openid,
    };
    const bad = inconsistency(ledgerFacts(doc));
    if (bad) throw new AppError('VALIDATION', bad);
    let _id = 'ent-';
    for (let i = 0; i < 8; i++) _id += ALPHABET[randomInt(ALPHABET.length)];
    try {
      await createLedgerEntry(ctx, _id, doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw new AppError('CONFLICT', '已有同名企业，请核对企业名称。');
      throw err;
    }
    await audit(ctx, { fn: 'org', action: 'createEnterprise', target: `enterprises/${_id}`, before: null, after: { name: p.name, industry: p.industry } });
    return { id: _id };
  },
});
