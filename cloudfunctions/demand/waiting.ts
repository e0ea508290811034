/**
 * Who owns "its time has passed" for a demand waiting for the enterprise (`waiting_enterprise`,
 * after a handler's 请补充材料): the service-level timer (./sweep.ts), not the handler. While the
 * demand waits, the center's clock is stopped — so without an exit it would wait forever, counted
 * as open in every figure and on nobody's list.
 *
 * The rule, counted in the park's working days (server/core/parkCalendar.ts) from the question:
 *   - after WAIT_REMIND_DAYS the contact who filed it is reminded once (请尽快补充, with the question
 *     and the date it will close);
 *   - after WAIT_CLOSE_DAYS with no answer it is closed as 未补充: state `cancelled` (a closed state:
 *     the center did not fail a deadline, the enterprise withdrew by silence), a timeline step
 *     `lapse` by 系统, `closedReason: '未补充'`, and the contact is told that it is closed and that
 *     they can file it again with the material. A 代办's policy claim is released like a withdrawal.
 * Why not resolve it: 已办结 would count as the center's answer in the on-time figures and ask the
 * enterprise to rate a service it never received.
 *
 * Both are once: the reminder's outbox row has a fixed id (the demand and the moment of the question,
 * so a second question later gets its own reminder) through enqueueOnce; the close is ONE conditional
 * update on the demand as read (`state: waiting_enterprise` and the same `updatedAt`), so an answer
 * that lands between the read and the close wins and the close matches nothing — never both.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import { enqueue, enqueueOnce } from '../../server/core/outbox';
import { inPark } from '../../server/core/time';
import type { ParkCalendar } from '../../server/core/parkCalendar';
import { addWorking, DAY_MS, workingMs } from './calendar';
import type { DemandDoc, DemandTimelineEntry } from './docs';
import { progressMessage } from './shared';
import { releaseProxyClaim } from './claims';

export const WAIT_REMIND_DAYS = 3;
export const WAIT_CLOSE_DAYS = 10;
export const LAPSE_REASON = '未补充';

export const waitReminderId = (demandId: string, askedAt: Date) => `demand-wait:${demandId}:${askedAt.getTime()}`;

/** When the question that put it in waiting_enterprise was asked (the latest askInfo step). */
export function askedAtOf(d: Pick<DemandDoc, 'timeline' | 'updatedAt'>): Date {
  const asks = (d.timeline ?? []).filter((t) => t.action === 'askInfo').map((t) => new Date(t.at).getTime());
  return new Date(asks.length ? Math.max(...asks) : new Date(d.updatedAt).getTime());
}

/** One waiting demand: remind, close, or nothing yet. */
export async function handleWaiting(d: WithId<DemandDoc>, cal: ParkCalendar, now: Date): Promise<'reminded' | 'closed' | null> {
  const askedAt = askedAtOf(d);
  const waited = workingMs(askedAt, now, cal) / DAY_MS;
  const closesAt = addWorking(askedAt, WAIT_CLOSE_DAYS * DAY_MS, cal);
  if (waited >= WAIT_CLOSE_DAYS) {
    const _ = cmd();
    const entry: DemandTimelineEntry = {
      at: now,
      action: 'lapse',
      by: 'system',
      name: '系统',
      party: 'admin',
      note: `企业 ${WAIT_CLOSE_DAYS} 个工作日内未补充材料，自动关闭`,
      state: 'cancelled',
    };
    const { updated } = await col('demands')
      .where({ _id: d._id, state: 'waiting_enterprise', updatedAt: d.updatedAt })
      .update({ state: 'cancelled', closedReason: LAPSE_REASON, updatedAt: now, timeline: _.push([entry]) });
    if (!updated) return null;
    const closed = { ...d, state: 'cancelled' as const };
    await enqueue([{ ...progressMessage(closed, '未在期限内补充材料，诉求已关闭；补齐材料后可重新提交。'), type: 'demand.lapsed', data: { ...progressMessage(closed).data, state: '逾期未补充，已关闭', note: '未在期限内补充材料，诉求已关闭；补齐材料后可重新提交。' } }]).catch((err) =>
      console.error(`demand ${d._id}: lapse notice not queued`, err),
    );
    if (d.kind === '代办') await releaseProxyClaim(d._id, now);
    return 'closed';
  }
  if (waited >= WAIT_REMIND_DAYS && d.waitRemindedFor !== askedAt.getTime()) {
    const note = `请于${inPark(closesAt).format('M月D日 HH:mm')}前补充：${d.question ?? ''}`.slice(0, 200);
    await enqueueOnce([{ ...progressMessage(d, note), id: waitReminderId(d._id, askedAt), type: 'demand.waitReminder', sendIf: { state: 'waiting_enterprise' } }]);
    await col('demands').where({ _id: d._id, state: 'waiting_enterprise' }).update({ waitRemindedFor: askedAt.getTime() });
    return 'reminded';
  }
  return null;
}
