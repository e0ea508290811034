/**
 * 回访: the center calls back a sample of closed demands — at least 10 % of those closed (rated) in a
 * month, and every one rated 不满意 at any point — and records what it heard.
 *
 * The sample is drawn by the system, deterministically: the month's closed demands ordered by a hash
 * of their id, the first ⌈10 %⌉ taken. The same month always gives the same sample (a list that
 * changed on every refresh could not be worked through), nobody picks the easy ones, and a demand
 * closed late in the month can only add to it, never push out one already drawn… except when the
 * ⌈10 %⌉ grows, which adds one. Listed with what is still due; recording is one conditional update
 * (a callback is recorded once), audited.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import { audit } from '../../server/core/audit';
import { AppError } from '../../server/core/errors';
import { now } from '../../server/core/time';
import type { DemandDoc } from './docs';
import { callerName } from './create';
import { idParam } from './shared';

export const CALLBACK_SHARE = 0.1;

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-01');

const sampleKey = (id: string) => createHash('sha256').update(`callback:${id}`).digest('hex');

type Closed = Pick<WithId<DemandDoc>, '_id' | 'title' | 'enterpriseName' | 'category' | 'kind' | 'score' | 'unsatisfied' | 'callback' | 'closedMonth' | 'handlerName' | 'ratedAt' | 'submitterName' | 'contactPhone'>;

/** Closed demands of a month range: a park closes hundreds a month at most. */
const CLOSED_ROWS = 1000;

async function closedIn(from: string, to: string): Promise<Closed[]> {
  const _ = cmd();
  const { data } = await col('demands')
    .where({ state: 'rated', closedMonth: _.gte(from).and(_.lte(to)) })
    .limit(CLOSED_ROWS)
    .field({ title: true, enterpriseName: true, category: true, kind: true, score: true, unsatisfied: true, callback: true, closedMonth: true, handlerName: true, ratedAt: true, submitterName: true, contactPhone: true })
    .get();
  return data as Closed[];
}

/** The sample of one month's closed demands, and why each is in it. */
export function drawSample(closed: Closed[]): (Closed & { why: 'sample' | 'unsatisfied' })[] {
  const n = Math.ceil(closed.length * CALLBACK_SHARE);
  const drawn = new Set([...closed].sort((a, b) => sampleKey(a._id).localeCompare(sampleKey(b._id))).slice(0, n).map((d) => d._id));
  return closed
    .filter((d) => d.unsatisfied || drawn.has(d._id))
    .map((d) => ({ ...d, why: d.unsatisfied ? ('unsatisfied' as const) : ('sample' as const) }));
}

const byMonth = (rows: Closed[]) => {
  const m = new Map<string, Closed[]>();
  for (const r of rows) m.set(r.closedMonth ?? '', [...(m.get(r.closedMonth ?? '') ?? []), r]);
  return m;
};

/** For the figures: per month of closing, closed, sampled, called back and still due. */
export async function callbackSummary(from: string, to: string) {
  const months = byMonth(await closedIn(from, to));
  const rows = [...months.entries()]
    .map(([month, closed]) => {
      const sample = drawSample(closed);
      const done = closed.filter((d) => !!d.callback).length;
      return { month, closed: closed.length, sampled: sample.length, done, due: sample.filter((d) => !d.callback).length };
    })
    .sort((a, b) => a.month.localeCompare(b.month));
  const sum = (k: 'closed' | 'sampled' | 'done' | 'due') => rows.reduce((n, r) => n + r[k], 0);
  return { total: { closed: sum('closed'), sampled: sum('sampled'), done: sum('done'), due: sum('due') }, byMonth: rows };
}

/** 回访 list of a month of closing (default: last month): the sample, what is due first. */
export const callbacks = action({
  roles: ['admin'],
  params: z.strictObject({ month: monthParam.optional() }),
  async handler({ month }) {
    const m = month ?? now().subtract(1, 'month').format('YYYY-MM');
    const closed = await closedIn(m, m);
    const sample = drawSample(closed);
    const items = sample
      .map((d) => ({
        id: d._id,
        title: d.title,
        kind: d.kind,
        category: d.category,
        enterpriseName: d.enterpriseName,
        submitterName: d.submitterName,
        contactPhone: d.contactPhone,
        handlerName: d.handlerName,
        score: d.score,
        ratedAt: d.ratedAt,
        why: d.why,
        due: !d.callback,
        callback: d.callback ?? null,
      }))
      .sort((a, b) => Number(b.due) - Number(a.due) || Number(b.why === 'unsatisfied') - Number(a.why === 'unsatisfied'));
    return { month: m, closed: closed.length, sampled: sample.length, due: items.filter((i) => i.due).length, items };
  },
});

/**
 * Records the 回访 of a closed demand: reached or not, satisfied or not, what was said. Once per
 * demand (a second recording is CONFLICT), a closed one only. Audited; it shows in the figures.
 */
export const recordCallback = action({
  roles: ['admin'],
  params: z
    .strictObject({
      id: idParam,
      reached: z.boolean(),
      satisfied: z.boolean().optional(),
      note: z.string().trim().min(2, '请记录回访情况').max(500),
    })
    .refine((p) => !p.reached || p.satisfied !== undefined, '联系上的回访请选择是否满意'),
  async handler({ id, reached, satisfied, note }, ctx) {
    const at = new Date();
    const callback = { at, by: ctx.caller.openid, name: callerName(ctx.caller, '工作人员'), reached, satisfied: reached ? (satisfied ?? null) : null, note };
    const entry = { at, action: 'callback' as const, by: ctx.caller.openid, name: callback.name, party: 'admin' as const, note: `回访：${reached ? (satisfied ? '满意' : '不满意') : '未联系上'}。${note}`, state: 'rated' as const };
    const { updated } = await col('demands')
      .where({ _id: id, state: 'rated', callback: cmd().in([null]) })
      // _.set: a plain object would be sent as $set 'callback.at' …, which MongoDB refuses on the stored null.
      .update({ callback: cmd().set(callback), timeline: cmd().push([entry]), updatedAt: at });
    if (!updated) {
      const [d] = (await col('demands').doc(id).get()).data;
      if (!d) throw new AppError('NOT_FOUND', '该诉求不存在，请返回列表刷新。');
      if (d.state !== 'rated') throw new AppError('CONFLICT', '只能回访已办结并评价的诉求。');
      throw new AppError('CONFLICT', '该诉求已记录回访，请刷新后查看。');
    }
    await audit(ctx, { fn: 'demand', action: 'recordCallback', target: `demands/${id}`, before: null, after: { reached, satisfied: callback.satisfied, note } });
    return { id, callback };
  },
});
