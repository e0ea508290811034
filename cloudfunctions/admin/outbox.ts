import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { grantableTemplateIds, TEMPLATE_TITLES } from '../notify/public';

/** Rows read per figure: enough for a park's queue; a larger one is reported as cut (`cut`). */
const CAP = 1000;

export interface TemplateFigures {
  template: string;
  title: string;
  /** Whether the deployment has a WeChat template id for it (REDPARK_SUBSCRIBE_TEMPLATES). */
  configured: boolean;
  /** Messages still to send (pending, or held by a delivery run). */
  owed: number;
  /** Of those, how many can reach WeChat: each person's owed messages up to their remaining grants. */
  deliverable: number;
  /** People holding at least one remaining grant of this template. */
  grantedPeople: number;
  sent: number;
  failed: number;
  cancelled: number;
  /** Why its undelivered messages failed, most frequent first. */
  reasons: { reason: string; n: number }[];
}

/**
 * The outbox at a glance: counts by status, and per template the messages owed vs deliverable (people
 * with a remaining one-time grant, counted per person and template in `subscriptions` by notify.grant)
 * with the reasons its failures gave, then the latest failures. Every message is in 消息中心 whatever
 * WeChat does; these figures say how many also reach a phone.
 */
export const outbox = action({
  roles: ['admin'],
  params: z.strictObject({}),
  async handler() {
    const $ = cmd().aggregate;
    const ids = grantableTemplateIds();
    const idList = [...new Set(Object.values(ids))];
    type Row<K> = { _id: K; n: number };
    const [byStatus, owedByPerson, reasons, grants, failed] = await Promise.all([
      col('outbox').aggregate().group({ _id: { template: '$template', status: '$status' }, n: $.sum(1) }).limit(CAP).end() as Promise<{ data: Row<{ template: string; status: string }>[] }>,
      col('outbox').aggregate().match({ status: cmd().in(['pending', 'sending']) }).group({ _id: { template: '$template', to: '$toOpenid' }, n: $.sum(1) }).limit(CAP).end() as Promise<{ data: Row<{ template: string; to: string }>[] }>,
      col('outbox').aggregate().match({ status: 'failed' }).group({ _id: { template: '$template', reason: '$failedReason' }, n: $.sum(1) }).limit(CAP).end() as Promise<{ data: Row<{ template: string; reason?: string | null }>[] }>,
      idList.length
        ? col('subscriptions').where({ tmplId: cmd().in(idList), remaining: cmd().gt(0) }).field({ openid: true, tmplId: true, remaining: true }).limit(CAP).get()
        : Promise.resolve({ data: [] as { openid: string; tmplId: string; remaining: number }[] }),
      col('outbox').where({ status: 'failed' }).orderBy('finishedAt', 'desc').limit(50).get(),
    ]);

    const counts: Record<string, number> = {};
    const keys = new Set(Object.keys(TEMPLATE_TITLES));
    for (const r of byStatus.data) {
      counts[r._id.status] = (counts[r._id.status] ?? 0) + r.n;
      keys.add(r._id.template);
    }
    const left = new Map(grants.data.map((g) => [`${g.openid}:${g.tmplId}`, g.remaining]));
    const templates: TemplateFigures[] = [...keys].map((template) => {
      const n = (status: string) => byStatus.data.filter((r) => r._id.template === template && r._id.status === status).reduce((a, r) => a + r.n, 0);
      const id = ids[template];
      const deliverable = id
        ? owedByPerson.data.filter((r) => r._id.template === template).reduce((a, r) => a + Math.min(r.n, left.get(`${r._id.to}:${id}`) ?? 0), 0)
        : 0;
      return {
        template,
        title: TEMPLATE_TITLES[template] ?? template,
        configured: !!id,
        owed: n('pending') + n('sending'),
        deliverable,
        grantedPeople: id ? grants.data.filter((g) => g.tmplId === id).length : 0,
        sent: n('sent'),
        failed: n('failed'),
        cancelled: n('cancelled'),
        reasons: reasons.data
          .filter((r) => r._id.template === template)
          .map((r) => ({ reason: r._id.reason || '（未记录原因）', n: r.n }))
          .sort((a, b) => b.n - a.n),
      };
    });
    return {
      counts,
      templates,
      /** A figure read CAP rows: the park's queue is larger than this page shows. */
      cut: byStatus.data.length >= CAP || owedByPerson.data.length >= CAP || grants.data.length >= CAP,
      failed: failed.data.map((m) => ({
        id: m._id,
        template: m.template,
        title: TEMPLATE_TITLES[m.template] ?? m.template,
        toOpenid: m.toOpenid,
        attempts: m.attempts,
        reason: m.failedReason ?? m.lastError ?? '',
        dueAt: m.dueAt,
        finishedAt: m.finishedAt ?? null,
      })),
    };
  },
});
