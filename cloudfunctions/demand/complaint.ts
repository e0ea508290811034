import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { scopeParam, scopeWhere } from './mine';
import { requirePrivacyConsent } from '../../server/core/consent';
import { COMPLAINT } from './terms';
import { newDemand } from './create';
import { LEVEL_FIELDS, LEVEL_LOOKUP, levelFor, levelFrom, levelKey, type JoinedLevel, type ServiceLevel } from './serviceLevels';
import { clockNow, LIST_FIELDS, listItem, PAGE_SIZE, tellAdmins } from './shared';

/** What a 投诉建议 is about: the center itself is a choice, as the 2026 rules expect. */
export const COMPLAINT_TOPICS = ['党群服务中心', '服务专家', '园区管理', '小程序使用', '其他'] as const;

/**
 * 投诉建议: anyone who has agreed to the privacy notice files one — an enterprise contact, an
 * employee, a visitor without an enterprise — about anything, the center included. It is a demand of
 * kind and category 投诉建议 with its own service class: seen only by the person who filed it and
 * by admins, handled only by an admin, on the same clock, with the same rating, 重办 and 回访.
 * Admins are told at once (one role row the deliverer fans out). Database calls: the caller, one
 * read (the enterprise with the level, or the level), the demand's insert and the notice's insert.
 */
export const fileComplaint = action({
  roles: 'anyone',
  params: z.strictObject({
    type: z.enum(['投诉', '建议']),
    topic: z.enum(COMPLAINT_TOPICS),
    title: z.string().trim().min(2, '请用一句话概括').max(40),
    description: z.string().trim().min(5, '请把情况说得具体一些（至少 5 个字）').max(1000),
    contactPhone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '请填写手机号或座机号').optional(),
  }),
  async handler(p, ctx) {
    requirePrivacyConsent(ctx.caller, '提交投诉建议');
    // One read either way (issue 19): an enterprise contact's enterprise with the 投诉建议 service
    // level joined to it, or for anyone else the level alone.
    const enterpriseId = ctx.caller.is('enterprise') ? ctx.caller.user.enterpriseId : null;
    let from: { name: string; serviceLevel?: JoinedLevel[] } | undefined;
    let level: ServiceLevel;
    if (enterpriseId) {
      const { data: rows } = (await col('enterprises')
        .aggregate()
        .match({ _id: enterpriseId })
        .addFields(levelKey(COMPLAINT))
        .lookup(LEVEL_LOOKUP)
        .project({ name: 1, ...LEVEL_FIELDS })
        .limit(1)
        .end()) as { data: { name: string; serviceLevel: JoinedLevel[] }[] };
      from = rows[0];
      // An enterprise gone since the binding: the complaint still stands (it is the person's), and
      // the level is read on its own — the rare case pays the round trip.
      level = from ? levelFrom(COMPLAINT, from.serviceLevel) : await levelFor(COMPLAINT);
    } else {
      level = await levelFor(COMPLAINT);
    }
    const doc = newDemand(
      {
        kind: COMPLAINT,
        category: COMPLAINT,
        title: `【${p.type}·${p.topic}】${p.title}`,
        description: p.description,
        contactWay: p.contactPhone ? '电话联系' : null,
        contactPhone: p.contactPhone ?? null,
        level,
      },
      ctx.caller,
      // Tied to the person, not to their enterprise (whose other contacts must not see it); the
      // enterprise's name is kept only to tell the center who is speaking.
      { id: '', name: from?.name ?? '' },
    );
    const { id } = await col('demands').add(doc);
    await tellAdmins({ ...doc, _id: id }, 'new');
    return { id, state: doc.state, serviceClass: doc.serviceClass, slaDays: doc.slaDays };
  },
});

/** The caller's own 投诉建议 and where each stands, newest first. */
export const myComplaints = action({
  roles: 'anyone',
  params: z.strictObject({ scope: scopeParam, page: z.number().int().min(1).max(200).default(1) }),
  async handler({ scope, page }, { caller }) {
    const query = col('demands').where({ submittedBy: caller.openid, kind: COMPLAINT, ...scopeWhere(scope) });
    const [{ total }, { data }, clock] = await Promise.all([
      query.count(),
      query.orderBy('submittedAt', 'desc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).field(LIST_FIELDS).get(),
      clockNow(),
    ]);
    return { items: data.map((d) => listItem(d, clock)), total, page, hasMore: page * PAGE_SIZE < total };
  },
});
