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
 * Database calls per run: 1 query for due rows + 1 sweep of stale claims + 1 query per collection
 * the due rows' `sendIf` refer to + per row 1 claim and 1 result update.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import type { CollectionName, OutboxDoc } from '../../server/core/schema';

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
}

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

export async function deliverDue(sender: Sender, opts: { now?: Date; runId: string; batch?: number }): Promise<RunReport> {
  const now = opts.now ?? new Date();
  const _ = cmd();
  const report: RunReport = { claimed: 0, sent: 0, retried: 0, failed: 0, interrupted: 0, dropped: 0 };

  const interrupted = await col('outbox')
    .where({ status: 'sending', claimedAt: _.lt(new Date(now.getTime() - CLAIM_TIMEOUT_MS)) })
    .update({ status: 'failed', failedReason: '发送中断，为避免重复发送未再重试', finishedAt: now });
  report.interrupted = interrupted.updated;

  const { data: due } = await col('outbox')
    .where({ status: 'pending', dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(opts.batch ?? BATCH)
    .get();

  const stale = await noLongerDue(due);
  for (const row of due) {
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
    let result: SendResult;
    try {
      result = await sender.send(row);
    } catch (err) {
      result = { ok: false, reason: err instanceof Error ? err.message.slice(0, 200) : '发送失败', retry: true };
    }
    const attempts = row.attempts + 1;
    const mine = col('outbox').where({ _id: row._id, status: 'sending', claimedBy: opts.runId });
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
