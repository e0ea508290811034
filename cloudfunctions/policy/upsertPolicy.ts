import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import type { PolicyDoc } from './docs';
import { INDUSTRIES, POLICY_CATEGORIES, POLICY_LEVELS, QUALIFICATIONS } from './terms';
import { dayParam, idParam } from './shared';

const range = (max: number) =>
  z
    .strictObject({ min: z.number().min(0).max(max).optional(), max: z.number().min(0).max(max).optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, '下限不能大于上限');

/** The structured eligibility the matcher checks (cloudfunctions/policy/matching.ts → PolicyCriteria). */
export const criteriaParam = z.strictObject({
  industries: z.array(z.enum(INDUSTRIES)).max(INDUSTRIES.length).optional(),
  headcount: range(1_000_000).optional(),
  revenueWan: range(100_000_000).optional(),
  yearsFounded: range(100).optional(),
  qualificationsAll: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional(),
  qualificationsAny: z.array(z.enum(QUALIFICATIONS)).max(QUALIFICATIONS.length).optional(),
  settledWithinYears: z.number().int().min(1).max(50).optional(),
});

/** Empty lists and ranges mean "no condition": drop them so the stored criteria say only what counts. */
function tidy(c: z.output<typeof criteriaParam>): PolicyDoc['criteria'] {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length) out[k] = [...new Set(v)];
    } else if (typeof v === 'object') {
      if (v.min !== undefined || v.max !== undefined) out[k] = v;
    } else out[k] = v;
  }
  return out as PolicyDoc['criteria'];
}

/**
 * Admin creates (no id) or edits (id) a policy. An edit REPLACES the document with `set`: a merge
 * `update` would flatten `criteria` into dot paths and keep conditions the admin removed. Titles are
 * unique (index uniq_title) so the same document is not entered twice. Audited with before/after.
 */
export const upsertPolicy = action({
  roles: ['admin'],
  params: z
    .strictObject({
      id: idParam.optional(),
      title: z.string().trim().min(4).max(60),
      issuer: z.string().trim().min(2).max(40),
      docNo: z.string().trim().max(40).default(''),
      level: z.enum(POLICY_LEVELS),
      category: z.enum(POLICY_CATEGORIES),
      summary: z.string().trim().min(10).max(200),
      benefits: z.string().trim().min(4).max(1000),
      conditions: z.string().trim().max(1000).default(''),
      criteria: criteriaParam.default({}),
      applyFrom: dayParam.nullable().default(null),
      applyTo: dayParam.nullable().default(null),
      issuedAt: dayParam,
      sourceUrl: z.string().trim().max(300).regex(/^https?:\/\/\S+$/, '请填写以 http(s):// 开头的原文链接').or(z.literal('')).default(''),
    })
    .refine((p) => !p.applyFrom || !p.applyTo || p.applyFrom <= p.applyTo, { message: '申报开始日期不能晚于截止日期', path: ['applyTo'] }),
  async handler({ id, criteria, ...fields }, ctx) {
    const at = new Date();
    const body = { ...fields, criteria: tidy(criteria), updatedAt: at, updatedBy: ctx.caller.openid };
    const duplicate = () => new AppError('CONFLICT', '已有同名政策，请修改标题或编辑原有政策。');
    if (!id) {
      const doc: PolicyDoc = { ...body, createdAt: at };
      let newId: string;
      try {
        ({ id: newId } = await col('policies').add(doc));
      } catch (err) {
        if (isDuplicateKey(err)) throw duplicate();
        throw err;
      }
      await audit(ctx, { fn: 'policy', action: 'upsertPolicy', target: `policies/${newId}`, before: null, after: doc });
      return { id: newId, created: true };
    }
    const [before] = (await col('policies').doc(id).get()).data;
    if (!before) throw new AppError('NOT_FOUND', '要编辑的政策不存在，请返回列表刷新。');
    const { _id: _drop, ...old } = before;
    // The timer's notice marks survive an edit (notices.ts); a moved deadline is judged by its date.
    const doc: PolicyDoc = { ...body, createdAt: old.createdAt, ...(old.notices ? { notices: old.notices } : {}) };
    try {
      await col('policies').doc(id).set(doc);
    } catch (err) {
      if (isDuplicateKey(err)) throw duplicate();
      throw err;
    }
    await audit(ctx, { fn: 'policy', action: 'upsertPolicy', target: `policies/${id}`, before: old, after: doc });
    return { id, created: false };
  },
});
