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
 * Database calls per run: 1 query for due rows + 1 sweep of stale claims + per row 1 claim and
 * 1 result update.
 */
import { cmd, col, type WithId } from '../../server/core/db';
import type { OutboxDoc } from '../../server/core/schema';

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
}

export async function deliverDue(sender: Sender, opts: { now?: Date; runId: string; batch?: number }): Promise<RunReport> {
  const now = opts.now ?? new Date();
  const _ = cmd();
  const report: RunReport = { claimed: 0, sent: 0, retried: 0, failed: 0, interrupted: 0 };

  const stale = await col('outbox')
    .where({ status: 'sending', claimedAt: _.lt(new Date(now.getTime() - CLAIM_TIMEOUT_MS)) })
    .update({ status: 'failed', failedReason: '发送中断，为避免重复发送未再重试', finishedAt: now });
  report.interrupted = stale.updated;

  const { data: due } = await col('outbox')
    .where({ status: 'pending', dueAt: _.lte(now) })
    .orderBy('dueAt', 'asc')
    .limit(opts.batch ?? BATCH)
    .get();

  for (const row of due) {
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
