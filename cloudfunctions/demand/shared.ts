import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { Ctx } from '../../server/core/router';
import type { DemandDoc, DemandTimelineEntry } from './docs';
import { parkDay, parkTime } from '../../server/core/time';
import { enqueue, toAdmins, type OutboxInput } from '../../server/core/outbox';
import { availableActions, canView, COMPLAINT_KIND, refusal, TRANSITIONS, type DemandAction, type Viewer } from './machine';
import { CLOSED_STATES, stateLabel } from './terms';
import type { ParkCalendar } from './calendar';
import { loadCalendar, slaOf } from './sla';
import { callerName } from './create';
import { releaseProxyClaim } from './claims';

export const idParam = z.string().trim().min(1).max(64);
export const PAGE_SIZE = 20;

export function viewerOf(caller: Caller): Viewer {
  return { openid: caller.openid, roles: caller.roles, enterpriseId: caller.is('enterprise') ? caller.user.enterpriseId : null };
}

/**
 * What a page needs to place demands on the service-level clock: the park calendar and one `now`
 * for the whole reply. One read (the calendar's exceptions) per request.
 */
export interface ClockNow {
  cal: ParkCalendar;
  now: Date;
  today: string;
}

export async function clockNow(now = new Date()): Promise<ClockNow> {
  return { cal: await loadCalendar(), now, today: parkDay(now) };
}

/** A row of a demand list, with where it stands on its service-level clock. */
export function listItem(d: WithId<DemandDoc>, clock: ClockNow) {
  const sla = slaOf(d, clock.cal, clock.now);
  return {
    id: d._id,
    kind: d.kind,
    category: d.category,
    title: d.title,
    enterpriseName: d.enterpriseName,
    state: d.state,
    stateLabel: stateLabel(d.state, !!d.handlerOpenid),
    handlerName: d.handlerName,
    /** The 办理期限 the admin gave the handler when assigning (a working target, not the service level). */
    dueDate: d.dueDate,
    /** Past the service-level deadline (working days from submission, pauses excluded). */
    overdue: sla.overdue,
    sla,
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    score: d.score,
  };
}

/**
 * The projection list rows need. The timeline comes along because the clock is read from it: a
 * page of 20 demands of ~10 steps each, a few KB — the price of never trusting a stored due date.
 */
export const LIST_FIELDS = {
  kind: true, category: true, title: true, enterpriseName: true, state: true, handlerOpenid: true, handlerName: true,
  dueDate: true, submittedAt: true, updatedAt: true, score: true, timeline: true, serviceClass: true, slaDays: true,
  submittedBy: true, enterpriseId: true,
} as const;

/**
 * A demand in full for someone who may see it, with the steps this viewer may take now. Only admins
 * get the openids of who acted (they assign by openid); the enterprise and the handler see names.
 */
export function present(d: WithId<DemandDoc>, viewer: Viewer, clock: ClockNow) {
  const { _id, timeline, ...rest } = d;
  const admin = viewer.roles.includes('admin');
  return {
    ...rest,
    ...listItem(d, clock),
    // The 回访 and the sampling bookkeeping are the center's.
    callback: admin ? (d.callback ?? null) : null,
    submittedBy: admin ? d.submittedBy : '',
    handlerOpenid: admin ? d.handlerOpenid : null,
    timeline: [...timeline]
      .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
      .map((t) => ({ ...t, by: admin ? t.by : '' })),
    actions: availableActions(d, viewer),
  };
}

/** Reads a demand the caller may see; anyone else gets NOT_FOUND, so ids reveal nothing. */
export async function getVisible(id: string, caller: Caller): Promise<WithId<DemandDoc>> {
  const [d] = (await col('demands').doc(id).get()).data;
  if (!d || !canView(d, viewerOf(caller))) throw new AppError('NOT_FOUND', '该诉求不存在或您无权查看，请返回列表刷新。');
  return d;
}

/**
 * One step of the state machine as ONE conditional update: the filter holds the allowed source
 * states and the caller's relation to the document (enterprise for the owner, handlerOpenid for the
 * handler), so two taps, or a handler and a reassignment racing, cannot both apply — the second
 * matches nothing. Only then is the document read, to reply with it or to explain the refusal
 * (CONFLICT when the state moved on, FORBIDDEN when it is not the caller's to do). The step is
 * appended to `timeline` in the same write, which answers the document after it (updateAndReturn).
 * One call, +1 for the clock's calendar unless `cal` is passed, +1 when messages are queued.
 */
export async function step(
  ctx: Ctx,
  id: string,
  action: DemandAction,
  opts: {
    note?: string | null;
    set?: Record<string, unknown>;
    where?: Record<string, unknown>;
    /** Messages announcing the step (消息中心 / subscribe messages), from the document after it. */
    notify?: (d: WithId<DemandDoc>) => OutboxInput[];
    /** The park calendar when the caller already read it in this call (saves the reply's read). */
    cal?: ParkCalendar;
  } = {},
) {
  const t = TRANSITIONS[action];
  const viewer = viewerOf(ctx.caller);
  const _ = cmd();
  const where: Record<string, unknown> = { _id: id, state: _.in([...t.from]), ...opts.where };
  if (t.by === 'owner') {
    // The owner of a 投诉建议 is the person who filed it; of any other demand, its enterprise.
    const complaint = { kind: COMPLAINT_KIND, submittedBy: viewer.openid };
    where.owner = viewer.enterpriseId ? _.or([complaint, { kind: _.neq(COMPLAINT_KIND), enterpriseId: viewer.enterpriseId }]) : complaint;
  }
  if (t.by === 'handler') {
    where.handlerOpenid = viewer.openid;
    if (!viewer.roles.includes('admin')) where.kind = _.neq(COMPLAINT_KIND);
  }
  const at = new Date();
  const entry: DemandTimelineEntry = {
    at,
    action,
    by: viewer.openid,
    name: callerName(ctx.caller, t.by === 'owner' ? '企业联系人' : '工作人员'),
    party: t.by,
    note: opts.note ?? null,
    state: t.to,
  };
  const { owner, ...plain } = where;
  // updateAndReturn answers the document after the step in the same round trip (issue 19: the
  // read after the update was a second one). Only a refused step reads it again, to explain why.
  const { doc } = await col('demands')
    .where(owner ? _.and([plain, owner]) : plain)
    .updateAndReturn({ ...opts.set, state: t.to, updatedAt: at, timeline: _.push([entry]) });
  if (!doc) {
    const d = await getVisible(id, ctx.caller);
    const why = refusal(action, d, viewer) ?? { code: 'CONFLICT' as const, message: '该诉求刚刚有了新进展，请刷新后再试。' };
    throw new AppError(why.code, why.message);
  }
  const d = doc as WithId<DemandDoc>;
  // Queued after the step committed, not inside it: the step is one conditional update (no
  // transaction to join), and a message is a courtesy — the demand's page and lists always show
  // where it stands. So a failed enqueue is logged and never undoes or fails the step; the cost is
  // that a crash in between loses that one message.
  const messages = opts.notify?.(d) ?? [];
  if (messages.length) await enqueue(messages).catch((err) => console.error(`demand ${id}: message not queued`, err));
  if (d.kind === '代办' && CLOSED_STATES.includes(t.to)) await releaseProxyClaim(id, at);
  return { demand: d, at, clock: opts.cal ? { cal: opts.cal, now: at, today: parkDay(at) } : await clockNow(at) };
}

const DETAIL_PAGE = (id: string) => `/packages/demand/detail/index?id=${id}`;

/** A 诉求办理进度 message to the contact who filed the demand. */
export function progressMessage(d: WithId<DemandDoc>, note?: string): OutboxInput {
  return {
    type: `demand.${d.state}`,
    toOpenid: d.submittedBy,
    template: 'demandProgress',
    page: DETAIL_PAGE(d._id),
    ref: `demands/${d._id}`,
    data: { title: d.title, state: stateLabel(d.state, !!d.handlerOpenid), handler: d.handlerName ?? '', note: note ?? '' },
  };
}

/** Who the center's notices go to (the kernel's list: the admin role and REDPARK_ADMIN_OPENIDS). */
export { adminRecipients } from '../../server/core/admins';

/**
 * The notice to the admins of a demand that needs the center: a new one, or a 不满意 rating to
 * hand out for 重办. ONE outbox row addressed to the admins as a role (toAdmins): the notify
 * deliverer fans it out to whoever holds the role when it runs. The filing therefore neither reads
 * the admins nor writes a row per admin (issue 19: those were two of its round trips).
 */
export function adminNotice(d: WithId<DemandDoc>, what: 'new' | 'redo', note = ''): OutboxInput {
  return toAdmins({
    type: `demand.${what}`,
    template: 'demandNew',
    page: DETAIL_PAGE(d._id),
    ref: `demands/${d._id}`,
    data: {
      enterprise: d.enterpriseName || d.submitterName,
      title: d.title,
      kind: what === 'redo' ? '不满意重办' : d.kind,
      time: d.submittedAt ? parkTime(d.submittedAt) : '',
      note,
    },
  });
}

/**
 * Tells the admins at once: one insert (the role row). Each happens once (a filing is one insert,
 * a 重办 one conditional step). A message is a courtesy (the 待分派 list shows the demand either
 * way): a failure is logged, never fails the filing.
 */
export async function tellAdmins(d: WithId<DemandDoc>, what: 'new' | 'redo', note = ''): Promise<void> {
  await enqueue([adminNotice(d, what, note)]).catch((err) => console.error(`demand ${d._id}: admins not told`, err));
}

export function announceNewDemand(d: WithId<DemandDoc>): Promise<void> {
  return tellAdmins(d, 'new');
}

/** A 新的诉求待办理 message to the handler it was just assigned to. */
export function assignedMessage(d: WithId<DemandDoc>): OutboxInput {
  return {
    type: 'demand.assigned',
    toOpenid: d.handlerOpenid ?? '',
    template: 'demandAssigned',
    page: DETAIL_PAGE(d._id),
    ref: `demands/${d._id}`,
    data: { enterprise: d.enterpriseName, title: d.title, due: d.dueDate ?? '' },
  };
}
