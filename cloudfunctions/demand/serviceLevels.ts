/**
 * The service-level table (服务等级): each category's class and its deadline in working days, one
 * document per category in `demandServiceLevels`. A category with no document uses the defaults of
 * ./terms.ts (咨询 1, 一般 5, 复杂 15, 投诉建议 10), so a fresh park works before anyone edits it.
 *
 * Admins edit it with `setServiceLevel`: each change bumps the row's version and is audited with the
 * row before and after. A demand copies its class, days and the version when it is filed (newDemand):
 * a deadline promised is not moved by a later edit of the table.
 */
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import type { ServiceLevelDoc } from './docs';
import { ALL_CATEGORIES, DEFAULT_CATEGORY_CLASS, DEFAULT_CLASS_DAYS, SERVICE_CLASSES, type DemandCategory, type ServiceClass } from './terms';

export interface ServiceLevel {
  category: DemandCategory;
  serviceClass: ServiceClass;
  days: number;
  /** 0 for the built-in default (never edited). */
  version: number;
}

export function defaultLevel(category: DemandCategory): ServiceLevel {
  const serviceClass = DEFAULT_CATEGORY_CLASS[category];
  return { category, serviceClass, days: DEFAULT_CLASS_DAYS[serviceClass], version: 0 };
}

/** The level a demand of `category` is filed under now. */
export async function levelFor(category: DemandCategory): Promise<ServiceLevel> {
  const [row] = (await col('demandServiceLevels').doc(category).get()).data;
  return levelFrom(category, row ? [row] : []);
}

/**
 * The service level as a `$lookup` of a read the filing makes anyway (issue 19: a separate read of
 * the table was a round trip of its own on every filing). The pipeline adds the category as a
 * constant field (`addFields(levelKey(category))`) and joins this on it; `levelFrom` reads the
 * joined array — empty when the category was never edited, i.e. its default. The row read is the
 * one current when the demand is filed, as with levelFor: the demand copies class, days and version.
 */
export const levelKey = (category: DemandCategory) => ({ serviceLevelKey: category });
export const LEVEL_LOOKUP = { from: 'demandServiceLevels', localField: 'serviceLevelKey', foreignField: '_id', as: 'serviceLevel' } as const;
/** What a projection after the lookup keeps of it. */
export const LEVEL_FIELDS = { 'serviceLevel.serviceClass': 1, 'serviceLevel.days': 1, 'serviceLevel.version': 1 } as const;
export type JoinedLevel = Pick<ServiceLevelDoc, 'serviceClass' | 'days' | 'version'>;

export function levelFrom(category: DemandCategory, joined: JoinedLevel[] | undefined): ServiceLevel {
  const [row] = joined ?? [];
  return row ? { category, serviceClass: row.serviceClass, days: row.days, version: row.version } : defaultLevel(category);
}

export async function allLevels(): Promise<(ServiceLevel & { updatedAt: Date | null })[]> {
  const { data } = await col('demandServiceLevels').limit(100).get();
  const byCategory = new Map(data.map((r) => [r._id, r]));
  return ALL_CATEGORIES.map((c) => {
    const r = byCategory.get(c);
    return r ? { category: c, serviceClass: r.serviceClass, days: r.days, version: r.version, updatedAt: r.updatedAt } : { ...defaultLevel(c), updatedAt: null };
  });
}

/** The table, for the admin console (and the classes with their default deadlines). */
export const serviceLevels = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    return { levels: await allLevels(), classes: SERVICE_CLASSES.map((c) => ({ serviceClass: c, defaultDays: DEFAULT_CLASS_DAYS[c] })) };
  },
});

/**
 * Sets a category's class and deadline. 投诉建议 stays in its own class (it is what makes it the
 * center's own business, seen only by admins), and no other category may join it.
 * `version` is the row's version the admin saw (0 for a default): a stale edit is refused
 * (CONFLICT) instead of silently overwriting a colleague's — one conditional update on it.
 */
export const setServiceLevel = action({
  roles: ['admin'],
  params: z.strictObject({
    category: z.enum(ALL_CATEGORIES),
    serviceClass: z.enum(SERVICE_CLASSES),
    days: z.number().int().min(1, '办理时限至少 1 个工作日').max(60, '办理时限最多 60 个工作日'),
    version: z.number().int().min(0).max(1_000_000),
    reason: z.string().trim().min(2, '请说明调整原因').max(200),
  }),
  async handler({ category, serviceClass, days, version, reason }, ctx) {
    if ((category === '投诉建议') !== (serviceClass === '投诉建议')) {
      throw new AppError('VALIDATION', '投诉建议单独设为“投诉建议”等级，其他类别不能使用该等级。');
    }
    const before = await levelFor(category);
    const at = new Date();
    const row = { category, serviceClass, days, version: version + 1, updatedAt: at, updatedBy: ctx.caller.openid };
    if (version === 0) {
      // The first edit creates the row: the unique _id lets only one of two first edits through.
      try {
        await col('demandServiceLevels').add({ _id: category, ...row } as never);
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', '服务等级刚被其他管理员修改，请刷新后再试。');
        throw err;
      }
    } else {
      const { updated } = await col('demandServiceLevels').where({ _id: category, version }).update({ serviceClass, days, version: cmd().inc(1), updatedAt: at, updatedBy: ctx.caller.openid });
      if (!updated) throw new AppError('CONFLICT', '服务等级刚被其他管理员修改，请刷新后再试。');
    }
    await audit(ctx, { fn: 'demand', action: 'setServiceLevel', target: `demandServiceLevels/${category}`, before, after: { ...row, reason } });
    return { levels: await allLevels() };
  },
});
