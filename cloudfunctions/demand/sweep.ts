/**
 * The service-level timer (cloudbaserc.json → demand trigger `sla`, every 10 minutes; locally the
 * gateway's 30-second timer; admins may run it with `slaSweep`): every open demand is read against
 * its clock (./sla.ts) and
 *   - one near its deadline (running, within min(1, days/2) working days) is flagged to its handler
 *     (to the admins while it has none): 即将到期;
 *   - one past it is escalated to every admin (and told to its handler): 逾期督办.
 * Each once per demand per round (reopenCount: a 重办 is a new round with a new promise). The message
 * rows have fixed ids (kind × demand × round × person) and go through enqueueOnce, so a re-run — or
 * two timers overlapping — queues nothing twice; then a conditional update marks the round on the
 * demand (`dueSoonRound` / `escalatedRound`), which only spares later runs the work. Messages first:
 * a run killed in between re-sends nothing and misses nothing.
 * A demand waiting for the enterprise is reminded to it, then closed as 未补充 (./waiting.ts).
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import { parkTime } from '../../server/core/time';
import type { DemandDoc } from './docs';
import { loadCalendar, slaOf } from './sla';
import { adminRecipients } from './shared';
import { OPEN_STATES } from './terms';
import { handleWaiting } from './waiting';

/** Open demands per page and pages per run: 5 000 open demands, far beyond a park's. */
const PAGE = 1000;
const MAX_PAGES = 5;

const page = (id: string) => `/packages/demand/detail/index?id=${id}`;

export async function slaSweepRun(now = new Date()): Promise<{ checked: number; dueSoon: number; escalated: number; waitReminded: number; lapsed: number }> {
  const _ = cmd();
  const [cal, admins] = await Promise.all([loadCalendar(), adminRecipients()]);
  let checked = 0;
  let dueSoon = 0;
  let escalated = 0;
  let waitReminded = 0;
  let lapsed = 0;
  for (let p = 0; p < MAX_PAGES; p++) {
    const { data } = await col('demands')
      .where({ state: _.in([...OPEN_STATES]) })
      .orderBy('submittedAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(p * PAGE)
      .limit(PAGE)
      .field({ state: true, timeline: true, submittedAt: true, category: true, serviceClass: true, slaDays: true, handlerOpenid: true, handlerName: true, title: true, enterpriseName: true, submitterName: true, reopenCount: true, dueSoonRound: true, escalatedRound: true, kind: true, submittedBy: true, question: true, updatedAt: true, waitRemindedFor: true })
      .get();
    for (const d of data as WithId<DemandDoc>[]) {
      checked++;
      if (d.state === 'waiting_enterprise') {
        try {
          const r = await handleWaiting(d, cal, now);
          if (r === 'reminded') waitReminded++;
          if (r === 'closed') {
            lapsed++;
            continue;
          }
        } catch (err) {
          console.error(`demand ${d._id}: waiting check failed`, err);
        }
      }
      const sla = slaOf(d, cal, now);
      const round = d.reopenCount ?? 0;
      const who = d.enterpriseName || d.submitterName;
      if (sla.overdue && d.escalatedRound !== round) {
        const data = { enterprise: who, title: d.title, handler: d.handlerName ?? '待分派', over: `已逾期${-sla.remainingDays}个工作日` };
        const to = [...new Set([...admins, ...(d.handlerOpenid ? [d.handlerOpenid] : [])])];
        await enqueueOnce(to.map((toOpenid) => ({ ...row(`demand-overdue:${d._id}:${round}:${toOpenid}`, toOpenid, d._id, data), type: 'demand.overdue', template: 'demandOverdue' })));
        const { updated } = await col('demands').where({ _id: d._id, escalatedRound: _.neq(round) }).update({ escalatedRound: round, escalatedAt: now });
        escalated += updated;
      } else if (sla.dueSoon && d.dueSoonRound !== round && sla.dueAt) {
        const data = { title: d.title, due: parkTime(sla.dueAt), left: `剩余${sla.remainingDays}个工作日`, enterprise: who };
        const to = d.handlerOpenid ? [d.handlerOpenid] : admins;
        await enqueueOnce(to.map((toOpenid) => ({ ...row(`demand-due:${d._id}:${round}:${toOpenid}`, toOpenid, d._id, data), type: 'demand.dueSoon', template: 'demandDue' })));
        const { updated } = await col('demands').where({ _id: d._id, dueSoonRound: _.neq(round) }).update({ dueSoonRound: round });
        dueSoon += updated;
      }
    }
    if (data.length < PAGE) break;
  }
  return { checked, dueSoon, escalated, waitReminded, lapsed };
}

function row(id: string, toOpenid: string, demandId: string, data: Record<string, string>): Omit<OutboxInput, 'type' | 'template'> & { id: string } {
  return { id, toOpenid, page: page(demandId), ref: `demands/${demandId}`, data };
}
