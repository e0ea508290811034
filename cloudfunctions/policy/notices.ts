/**
 * Policy notices (S-13), the policy timer's work (cloudbaserc.json → policy trigger `notices`,
 * hourly; locally the gateway's timer). An enterprise's contacts are told
 *   - `policyMatched`: a newly published policy matches the enterprise's profile (verdict 'match' of
 *     matching.ts, the same rule 可享政策 shows) — once per policy;
 *   - `policyDeadline`: 7 days and 1 day before the 申报截止 (applyTo) of a policy it matches and
 *     has not asked the center to 代办 (an open policy claim) — once per policy, deadline and stage.
 * Through 消息中心 always, and as a WeChat subscribe message where the contact granted one (the
 * notify deliverer spends the grant; without one the row stays readable in 消息中心).
 *
 * "Once" is the outbox's unique `_id` (server/core/outbox.ts enqueueOnce): every row has a fixed id
 * naming the policy, the stage, the deadline and the person, so two overlapping runs, a retried run or
 * a run on the next day insert the same ids and the duplicate is the row already there. The marks
 * written on the policy afterwards (`notices.matched`, `notices.d7`, `notices.d1`, each the deadline it
 * was done for) only spare later runs the work; an edit that moves the deadline makes the stages due
 * again, for the new date.
 *
 * Why these choices:
 *   - "newly published" is a policy entered within NEW_WITHIN_DAYS whose 发布日期 (issuedAt) is
 *     within ISSUED_WITHIN_DAYS: an old policy typed in late is not news, and a deployment does not
 *     announce its whole catalogue;
 *   - the 7-day stage is due from 7 days before down to 2, the 1-day stage from 1 day before to the
 *     deadline itself: an hourly timer that was down for a while still sends each stage, late rather
 *     than never (the message says the real days left);
 *   - matching runs here, not in the database, exactly as in `policy.match` (conditions such as "any of
 *     these qualifications" are not one query); a park has hundreds of enterprises and policies.
 *
 * Database calls per run: the due policies (1), when any: the enterprises (1 per 1000), their
 * contacts (1 per 1000), open claims of the due policies (1), one insert per message, one mark per
 * policy.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import { mapLimit } from '../../server/core/limit';
import { addDays, parkDay } from '../../server/core/time';
import type { EnterpriseDoc } from '../org/public';
import type { PolicyDoc } from './docs';
import { matchPolicy } from './matching';
import { activeWhere, matchProfile } from './shared';

export const NEW_WITHIN_DAYS = 7;
export const ISSUED_WITHIN_DAYS = 30;
export const DEADLINE_STAGES = [
  { stage: 'd7', from: 7, to: 2 },
  { stage: 'd1', from: 1, to: 0 },
] as const;
type Stage = 'matched' | (typeof DEADLINE_STAGES)[number]['stage'];

export const POLICY_PAGE = (id: string) => `/packages/policy/detail/index?id=${id}`;
export const policyNoticeId = (policyId: string, stage: Stage, applyTo: string | null, openid: string) =>
  `pol-${stage}:${policyId}:${applyTo ?? '-'}:${openid}`;

const PAGE = 1000;
const DAY_MS = 86_400_000;

/** Whole days from `today` to `day` (both park days). */
const daysUntil = (today: string, day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

interface Due {
  policy: WithId<PolicyDoc>;
  stages: Stage[];
}

/** Which stages each open policy owes today (none marked done for its current deadline). */
export function dueStages(p: WithId<PolicyDoc>, today: string, now: Date): Stage[] {
  const done = p.notices ?? {};
  const out: Stage[] = [];
  const enteredRecently = new Date(p.createdAt).getTime() >= now.getTime() - NEW_WITHIN_DAYS * DAY_MS;
  const issuedRecently = p.issuedAt >= addDays(today, -ISSUED_WITHIN_DAYS);
  if (!done.matched && enteredRecently && issuedRecently) out.push('matched');
  if (p.applyTo && (!p.applyFrom || p.applyFrom <= p.applyTo)) {
    const left = daysUntil(today, p.applyTo);
    for (const s of DEADLINE_STAGES) if (left <= s.from && left >= s.to && done[s.stage] !== p.applyTo) out.push(s.stage);
  }
  // The 7-day stage is moot once the 1-day one is due.
  return out.includes('d1') ? out.filter((s) => s !== 'd7') : out;
}

async function allPages<T>(read: (skip: number) => Promise<{ data: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await read(skip);
    out.push(...data);
    if (data.length < PAGE) return out;
  }
}

export async function sendPolicyNotices(now = new Date()): Promise<{ policies: number; queued: number }> {
  const _ = cmd();
  const today = parkDay(now);
  const { data: open } = await col('policies').where(activeWhere(today)).limit(1000).get();
  const due: Due[] = open.map((policy) => ({ policy, stages: dueStages(policy, today, now) })).filter((d) => d.stages.length);
  if (!due.length) return { policies: 0, queued: 0 };

  const enterprises = await allPages((skip) =>
    col('enterprises').orderBy('_id', 'asc').skip(skip).limit(PAGE).field({ name: true, industry: true, headcount: true, annualRevenueWan: true, foundedAt: true, qualifications: true, settledAt: true }).get(),
  ) as WithId<EnterpriseDoc>[];
  const contacts = await allPages((skip) =>
    col('users').where({ roles: 'enterprise', enterpriseId: _.neq(null) }).orderBy('_id', 'asc').skip(skip).limit(PAGE).field({ openid: true, enterpriseId: true }).get(),
  );
  const byEnterprise = new Map<string, string[]>();
  for (const u of contacts) {
    const openid = u.openid || u._id;
    if (u.enterpriseId && openid) byEnterprise.set(u.enterpriseId, [...(byEnterprise.get(u.enterpriseId) ?? []), openid]);
  }
  // An enterprise that asked the center to 代办 a policy is not chased about its deadline.
  const { data: claims } = await col('policyClaims')
    .where({ kind: 'policy', refId: _.in(due.map((d) => d.policy._id)), releasedAt: null })
    .field({ enterpriseId: true, refId: true })
    .limit(1000)
    .get();
  const claimed = new Set(claims.map((c) => `${c.refId}:${c.enterpriseId}`));

  const rows: (OutboxInput & { id: string })[] = [];
  for (const { policy: p, stages } of due) {
    for (const e of enterprises) {
      const people = byEnterprise.get(e._id);
      if (!people?.length) continue;
      if (matchPolicy(p.criteria ?? {}, matchProfile(e), today).verdict !== 'match') continue;
      for (const stage of stages) {
        if (stage !== 'matched' && claimed.has(`${p._id}:${e._id}`)) continue;
        const left = p.applyTo ? daysUntil(today, p.applyTo) : null;
        const common = { page: POLICY_PAGE(p._id), ref: `policies/${p._id}` };
        for (const openid of people) {
          rows.push(
            stage === 'matched'
              ? {
                  ...common,
                  id: policyNoticeId(p._id, stage, null, openid),
                  type: 'policy.matched',
                  toOpenid: openid,
                  template: 'policyMatched',
                  data: { title: p.title, enterprise: e.name, issuer: p.issuer, deadline: p.applyTo ?? '', note: '符合贵企业画像，可查看申报条件' },
                }
              : {
                  ...common,
                  id: policyNoticeId(p._id, stage, p.applyTo, openid),
                  type: 'policy.deadline',
                  toOpenid: openid,
                  template: 'policyDeadline',
                  data: { title: p.title, enterprise: e.name, deadline: p.applyTo!, left: left! <= 0 ? '今天截止' : `还剩${left}天` },
                },
          );
        }
      }
    }
  }
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 20) chunks.push(rows.slice(i, i + 20));
  await mapLimit(chunks, 1, (c) => enqueueOnce(c));
  // Marks last: a run that dies before them leaves the stage due, and the next run's inserts are
  // duplicates of the rows already queued (nobody is told twice).
  await mapLimit(due, 4, ({ policy: p, stages }) => {
    // A nested object is sent as `$set: {"notices.<stage>": …}`: the other stages' marks stay.
    return col('policies').doc(p._id).update({ notices: Object.fromEntries(stages.map((s) => [s, s === 'matched' ? true : p.applyTo])) });
  });
  return { policies: due.length, queued: rows.length };
}
