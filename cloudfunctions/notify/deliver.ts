/**
 * Delivers due outbox rows, at most once each, even when two timer runs overlap.
 *
 * Each row is claimed with one conditional update (`pending` with the attempt count we read →
 * `sending`, stamped with this run's id); only the run whose update matched sends it. A row left
 * in `sending` by a run that died is never sent again — we cannot know whether WeChat received
 * it — but marked failed with that reason after CLAIM_TIMEOUT: at most once, never twice.
 * Failures that may pass (network, rate limits) are retried with back-off by moving `dueAt`;
 * after MAX_ATTEMPTS, or for a failure that will not pass, the row is failed with the reason.
 *
 * A row with `sendIf` (e.g. an appointment reminder: the booking must still be confirmed) is
 * checked against the document its `ref` names just before the claims; one whose subject has
 * changed or is gone is cancelled unsent. A change in the milliseconds between that read and the
 * send is not seen — the change withdraws the row when it can (cancelQueued),
 * this check catches what was not withdrawn.
 *
 * A row addressed to a role (`toRole`, server/core/outbox.ts `toAdmins`) is never sent itself: the
 * run that claims it (the same conditional update, so of two overlapping runs one only) reads who
 * holds the role NOW and queues one copy per person with a fixed id (`<role row id>:<openid>`,
 * inserted once each: a duplicate is the copy already there), marks the role row `fanned`, and
 * delivers the copies in the same run like any other row. So ownership is decided at delivery time
 * by the then-current role: an admin removed before the run is not told, one added is. A run that
 * dies mid-fan-out leaves the role row in `sending`; unlike a person's row (which may have reached
 * WeChat) it is put back to `pending` after CLAIM_TIMEOUT, since fanning out again queues only the
 * copies still missing and never resends one already there.
 *
 * Notices carried on the document they announce (server/core/outbox.ts `carry`, e.g. an expert's
 * leave and the enterprises it asks to move) are moved into the outbox first, so they are sent in
 * this same run.
 *
 * Database calls per run: 1 query per notice-carrying collection (+ per carrying document 1 insert
 * and 1 clearing) + 1 query for due rows + 2 sweeps of stale claims (person rows, role rows)
 * + 1 query per collection the due rows' `sendIf` refer to + per row 1 claim and 1 result update
 * + per role row 1 read of the role's holders and 1 insert per holder.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import type { CollectionName, OutboxDoc } from '../../server/core/schema';
import { enqueueOnce, fannedId, flushCarried, outboxRow, type OutboxInput } from '../../server/core/outbox';
import { adminRecipients } from '../../server/core/admins';

export const MAX_ATTEMPTS = 4;
export const CLAIM_TIMEOUT_MS = 10 * 60_000;
export const BATCH = 50;

/** 1 min, 5 min, 30 min between attempts. */
export function backoffMs(attempts: number): number {
  return [60_000, 5 * 60_000, 30 * 60_000][Math.min(attempts - 1, 2)] ?? 30 * 60_000;
}

export type SendResult = { ok: true; channel: string } | { ok: false; reason: string; retry: boolean };

export interface Sender {
  send(row: WithId<OutboxDoc>): Promise<SendResult>;
}

export interface RunReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  interrupted: number;
  /** Cancelled unsent: their `sendIf` no longer held. */
  dropped: number;
  /** Role rows fanned out into per-person copies (the copies are counted in `sent` etc.). */
  fanned: number;
}

/**
 * What a row keeps when something other than WeChat failed: a code and a sentence for the admins who
 * read the outbox figures, never the database driver's text (which names collections, hosts and
 * request ids, and means nothing to them). The raw error is in the function log.
 */
export const FANOUT_RETRY = { code: 'FANOUT_RETRY', reason: '分发给管理员时出错，稍后自动重试' } as const;
export const FANOUT_FAILED = { code: 'FANOUT_FAILED', reason: '多次分发给管理员均未成功，请检查管理员名单后重新发送' } as const;
export const SEND_THREW = { code: 'SEND_THREW', reason: '发送时出错，稍后自动重试' } as const;

export const DROPPED_REASON = '发送时关联的记录已变化（如预约已取消），未发送';

/** The ids of rows whose `sendIf` no longer holds for the document their `ref` names. */
async function noLongerDue(rows: WithId<OutboxDoc>[]): Promise<Set<string>> {
  const byCollection = new Map<string, { row: WithId<OutboxDoc>; id: string }[]>();
  for (const row of rows) {
    if (!row.sendIf) continue;
    const [name, id] = row.ref.split('/');
    byCollection.set(name, [...(byCollection.get(name) ?? []), { row, id: id ?? '' }]);
  }
  const stale = new Set<string>();
  await Promise.all(
    [...byCollection].map(async ([name, items]) => {
      const fields = Object.fromEntries(items.flatMap((i) => Object.keys(i.row.sendIf!)).map((k) => [k, true]));
      const ids = [...new Set(items.map((i) => i.id))];
      const { data } = await col(name as CollectionName).where({ _id: cmd().in(ids) }).field(fields).limit(ids.length).get();
      const docs = new Map(data.map((d) => [d._id, d as unknown as Record<string, unknown>]));
      for (const { row, id } of items) {
        const doc = docs.get(id);
        if (!doc || Object.entries(row.sendIf!).some(([k, v]) => doc[k] !== v)) stale.add(row._id);
      }
    }),
  );
  return stale;
}

/**
 * Queues the per-person copies of a claimed role row, for the holders of its role now, and answers
 * them as the rows they are (their claim in this run sends each once; one already there from an
 * earlier fan-out of the same row is not pending with 0 attempts, so that claim matches nothing).
 */
async function fanOut(row: WithId<OutboxDoc>, now: Date): Promise<WithId<OutboxDoc>[]> {
  const people = row.toRole === 'admin' ? await adminRecipients() : [];
  const copies: (OutboxInput & { id: string })[] = people.map((openid) => ({
    id: fannedId(row._id, openid),
    type: row.type,
    toOpenid: openid,
    template: row.template,
    data: row.data,
    page: row.page,
    ref: row.ref,
    dueAt: now,
    ...(row.sendIf ? { sendIf: row.sendIf } : {}),
  }));
  await enqueueOnce(copies);
  return copies.map((c) => ({ ...outboxRow(c, now), _id: c.id }) as WithId<OutboxDoc>);
}

export async function deliverDue(sender: Sender, opts: { now?: Date; runId: string; batch?: number }): Promise<RunReport> {
  const now = opts.now ?? new Date();
  const _ = cmd();
  const report: RunReport = { claimed: 0, sent: 0, retried: 0, failed: 0, interrupted: 0, dropped: 0, fanned: 0 };

  try {
    await flushCarried(now);
  } catch (err) {
    // What is carried stays carried (nothing is cleared before its rows are in): the next run moves it.
    console.error('notify: moving carried notices failed', err);
  }

  const staleBefore = _.lt(new Date(now.getTime() - CLAIM_TIMEOUT_MS));
  const [interrupted] = await Promise.all([
    col('outbox')
      .where({ status: 'sending', claimedAt: staleBefore, toRole: _.in([null]) })
      .update({ status: 'failed', failedReason: '发送中断，为避免重复发送未再重试', finishedAt: now }),
    // A role row's fan-out is safe to repeat (fixed ids): back to the queue, not failed.
    col('outbox').where({ status: 'sending', claimedAt: staleBefore, toRole: _.in(['admin']) }).update({ status: 'pending', dueAt: now }),
  ]);
  report.interrupted = interrupted.updated;

  const { data: due } = await col('outbox')
    .where({ status: 'pending', dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(opts.batch ?? BATCH)
    .get();

  const stale = await noLongerDue(due);
  // Copies fanned out from role rows join the queue behind the rows read.
  const queue = [...due];
  for (let i = 0; i < queue.length; i++) {
    const row = queue[i];
    if (stale.has(row._id)) {
      const { updated } = await col('outbox')
        .where({ _id: row._id, status: 'pending', attempts: row.attempts })
        .update({ status: 'cancelled', failedReason: DROPPED_REASON, finishedAt: now });
      report.dropped += updated;
      continue;
    }
    const claim = await col('outbox')
      .where({ _id: row._id, status: 'pending', attempts: row.attempts })
      .update({ status: 'sending', claimedBy: opts.runId, claimedAt: now });
    if (claim.updated !== 1) continue; // another run has it
    report.claimed++;
    const attemptsNow = row.attempts + 1;
    const claimed = col('outbox').where({ _id: row._id, status: 'sending', claimedBy: opts.runId });
    if (row.toRole) {
      try {
        const copies = await fanOut(row, now);
        await claimed.update({ status: 'fanned', attempts: attemptsNow, fannedOut: copies.length, finishedAt: new Date() });
        queue.push(...copies);
        report.fanned++;
      } catch (err) {
        // The driver's text goes to the function log only; the row (which admins read in the outbox
        // figures) keeps a code and a sentence they can act on.
        console.error(`notify: fan-out of ${row._id} failed`, err);
        const { code, reason } = attemptsNow < MAX_ATTEMPTS ? FANOUT_RETRY : FANOUT_FAILED;
        if (attemptsNow < MAX_ATTEMPTS) {
          await claimed.update({ status: 'pending', attempts: attemptsNow, errorCode: code, lastError: reason, dueAt: new Date(now.getTime() + backoffMs(attemptsNow)) });
          report.retried++;
        } else {
          await claimed.update({ status: 'failed', attempts: attemptsNow, errorCode: code, failedReason: reason, finishedAt: new Date() });
          report.failed++;
        }
      }
      continue;
    }
    let result: SendResult;
    try {
      result = await sender.send(row);
    } catch (err) {
      // A sender that threw (not an answer from WeChat): its text is for the log, not for admins.
      console.error(`notify: sending ${row._id} threw`, err);
      result = { ok: false, reason: SEND_THREW.reason, retry: true };
    }
    const attempts = attemptsNow;
    const mine = claimed;
    if (result.ok) {
      await mine.update({ status: 'sent', attempts, channel: result.channel, sentAt: new Date() });
      report.sent++;
    } else if (result.retry && attempts < MAX_ATTEMPTS) {
      await mine.update({ status: 'pending', attempts, lastError: result.reason, dueAt: new Date(now.getTime() + backoffMs(attempts)) });
      report.retried++;
    } else {
      await mine.update({ status: 'failed', attempts, failedReason: result.reason, finishedAt: new Date() });
      report.failed++;
    }
  }
  return report;
}
