import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { EVIDENCE_PROVIDERS } from './evidence';
import type { RubricDoc } from './docs';
import { loadRubric } from './ratingData';
import { vetoRulesOf } from './scoring';

const item = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,19}$/, '项目代码为 2–20 位字母或数字'),
  label: z.string().trim().min(2).max(20),
  points: z.number().min(1).max(100),
  source: z.string().max(40).refine((s) => s === 'manual' || s in EVIDENCE_PROVIDERS, '数据来源不存在'),
  target: z.number().min(0).max(10000),
  guide: z.string().trim().max(100),
});
const vetoRule = z.strictObject({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{1,19}$/, '否决事项代码为 2–20 位字母或数字'),
  label: z.string().trim().min(4, '请写明否决事项').max(30),
});
const band = z.strictObject({ stars: z.number().int().min(1).max(5), minScore: z.number().min(0).max(100), allowance: z.number().int().min(0).max(1_000_000) });

/**
 * Admins edit the rubric: items (points, evidence source and target, or 'manual'), the star bands
 * and the 红星津贴 per star. `version` must be the one the admin edited: a conditional update, so
 * two admins saving at once cannot silently overwrite each other. Ratings already finalised keep
 * the rubric they were scored with.
 */
export const updateRubric = action({
  roles: ['admin'],
  params: z
    .strictObject({
      version: z.number().int().min(0).max(1_000_000),
      items: z.array(item).min(1).max(20),
      bands: z.array(band).min(1).max(5),
      /** 一票否决 rules; omitted: kept as they are. */
      vetoRules: z.array(vetoRule).max(10).optional(),
    })
    .refine((p) => new Set(p.items.map((i) => i.key)).size === p.items.length, '评分项目代码不能重复')
    .refine((p) => Math.abs(p.items.reduce((s, i) => s + i.points, 0) - 100) < 1e-9, '各项分值合计应为 100 分')
    .refine((p) => new Set(p.bands.map((b) => b.stars)).size === p.bands.length, '每个星级只能设置一次')
    .refine((p) => !p.vetoRules || new Set(p.vetoRules.map((r) => r.key)).size === p.vetoRules.length, '否决事项代码不能重复')
    .refine((p) => p.items.every((i) => i.source === 'manual' || i.target > 0), '自动取数的项目需要设置满分标准'),
  async handler({ version, items, bands, vetoRules }, ctx) {
    const before = await loadRubric();
    // Veto rules are versioned with the rubric; a vetoed rating keeps the rule's label as it stood.
    const next: RubricDoc = { version: version + 1, items, bands: [...bands].sort((a, b) => b.stars - a.stars), vetoRules: vetoRules ?? vetoRulesOf(before), updatedBy: ctx.caller.openid, updatedAt: new Date() };
    const stale = () => new AppError('CONFLICT', '评分细则已被其他管理员修改，请刷新后再改。');
    if (version === 0) {
      try {
        await col('rubrics').add({ _id: 'current', ...next });
      } catch (err) {
        if (isDuplicateKey(err)) throw stale();
        throw err;
      }
    } else {
      const { updated } = await col('rubrics').where({ _id: 'current', version }).update({ ...next });
      if (!updated) throw stale();
    }
    await audit(ctx, { fn: 'org', action: 'updateRubric', target: 'rubrics/current', before: { version: before.version, items: before.items, bands: before.bands, vetoRules: vetoRulesOf(before) }, after: next });
    return { version: next.version };
  },
});
