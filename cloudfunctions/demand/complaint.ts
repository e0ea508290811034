import * as z from 'zod';
import { action } from '../../server/core/router';
import { createHash } from 'crypto';
import { cmd, col } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { dayStart, parkDay } from '../../server/core/time';
import { scopeParam, scopeWhere } from './mine';
import { requirePrivacyConsent } from '../../server/core/consent';
import { COMPLAINT } from './terms';
import { newDemand } from './create';
import { LEVEL_FIELDS, LEVEL_LOOKUP, levelFor, levelFrom, levelKey, type JoinedLevel, type ServiceLevel } from './serviceLevels';
import { clockNow, LIST_FIELDS, listItem, PAGE_SIZE, tellAdmins } from './shared';

/** What a 投诉建议 is about: the center itself is a choice, as the 2026 rules expect. */
export const COMPLAINT_TOPICS = ['党群服务中心', '服务专家', '园区管理', '小程序使用', '其他'] as const;

/** 投诉建议 one person may file per park day (a person's real need is one or two; a script's is thousands). */
export const COMPLAINTS_PER_DAY = 5;

/**
 * The id of a person's n-th 投诉建议 of a park day (n from 0). Deterministic, so the database's
 * unique `_id` is the rate limit: two filings that read the same count race for the same id and one
 * is refused, and no id beyond COMPLAINTS_PER_DAY − 1 is ever written. The openid is hashed: the id
 * is shown in links and must not carry it.
 */
export const complaintId = (openid: string, day: string, n: number) =>
  `cp-${createHash('sha256').update(openid).digest('hex').slice(0, 12)}-${day.replace(/-/g, '')}-${n}`;

/**
 * 投诉建议: anyone who has agreed to the privacy notice files one — an enterprise contact, an
 * employee, a visitor without an enterprise — about anything, the center included. It is a demand of
 * kind and category 投诉建议 with its own service class: seen only by the person who filed it and
 * by admins, handled only by an admin, on the same clock, with the same rating, 重办 and 回访.
 * Admins are told at once (one role row the deliverer fans out). Database calls: the caller, one
 * read (the person's user row with their enterprise, the level and their 投诉建议 of today joined), the
 * demand's insert and the notice's insert.
 *
 * Rate limit (a public write anyone can call): COMPLAINTS_PER_DAY per person and park day, kept by
 * the database — the demand's `_id` is the person's day and ordinal (complaintId), so it costs no
 * round trip of its own. server/core/rateLimit.ts's counter document would have been one more write
 * on every filing (the filing's budget is pinned at 4 in local/roundTrips.int.test.ts); here the count
 * rides on the read the filing makes anyway, and the unique `_id` makes it exact under a burst.
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
    // One read (issue 19): the caller's own user row, with their enterprise (a contact's), the
    // 投诉建议 service level and their 投诉建议 filed today joined to it.
    const enterpriseId = ctx.caller.is('enterprise') ? ctx.caller.user.enterpriseId : null;
    const today = parkDay();
    const _ = cmd();
    const $ = _.aggregate;
    const { data: rows } = (await col('users')
      .aggregate()
      .match({ _id: ctx.caller.openid })
      .addFields({ ...levelKey(COMPLAINT), enterpriseKey: enterpriseId ?? '' })
      .lookup({ from: 'enterprises', localField: 'enterpriseKey', foreignField: '_id', as: 'enterprise' })
      .lookup(LEVEL_LOOKUP)
      .lookup({
        from: 'demands',
        let: {},
        pipeline: $.pipeline().match({ submittedBy: ctx.caller.openid, kind: COMPLAINT, submittedAt: _.gte(dayStart(today)) }).project({ _id: 1 }).limit(COMPLAINTS_PER_DAY + 1).done(),
        as: 'today',
      })
      .project({ 'enterprise.name': 1, ...LEVEL_FIELDS, today: 1 })
      .limit(1)
      .end()) as { data: { enterprise: { name: string }[]; serviceLevel: JoinedLevel[]; today: { _id: string }[] }[] };
    const row = rows[0];
    // The user row is written before any handler runs (server/core/caller.ts); without it, the level
    // alone is read — the rare case pays the round trip.
    const level: ServiceLevel = row ? levelFrom(COMPLAINT, row.serviceLevel) : await levelFor(COMPLAINT);
    // An enterprise gone since the binding: the complaint still stands (it is the person's).
    const from = row?.enterprise?.[0];
    const filedToday = row?.today?.length ?? 0;
    if (filedToday >= COMPLAINTS_PER_DAY) throw new AppError('RATE_LIMITED', LIMIT_REACHED);
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
    let id: string;
    try {
      ({ id } = await col('demands').add({ _id: complaintId(ctx.caller.openid, today, filedToday), ...doc }));
    } catch (err) {
      // The same ordinal taken a moment ago by another filing of the same person (a double tap).
      if (isDuplicateKey(err)) throw new AppError('RATE_LIMITED', '刚刚已提交过一条投诉建议，请稍后刷新“我的投诉建议”查看；如需再提交，请稍等片刻。');
      throw err;
    }
    await tellAdmins({ ...doc, _id: id }, 'new');
    return { id, state: doc.state, serviceClass: doc.serviceClass, slaDays: doc.slaDays };
  },
});

const LIMIT_REACHED = `您今天已提交 ${COMPLAINTS_PER_DAY} 条投诉建议，请明天再提交；紧急情况请直接联系党群服务中心。`;

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
