/**
 * The org timer's work (cloudbaserc.json → org trigger `remind`, daily; locally the gateway's
 * 30-second timer): before a 三会一课 period ends, each branch's current secretary is told which
 * kinds are still not held — REMIND_DAYS before its last day (7, then 1). Each reminder is queued
 * once by a fixed outbox id (branch, kind, period, reminder day; enqueueOnce: the insert is the
 * "once", a later run's duplicate key is the row already there), so a daily run, two overlapping
 * runs or a retried one never send a second copy. The cells are the board's (board.ts), so a
 * reminder never says "due" of a cell the board shows as held. Who is told is read at run time:
 * a branch without a secretary is skipped until it has one.
 */
import { enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import { mapLimit } from '../../server/core/limit';
import { addDays } from '../../server/core/time';
import { loadBoard } from './board';
import { quarterOf } from './scoring';

/** Days before a period's last day on which the secretary is reminded (the larger first). */
export const REMIND_DAYS = [7, 1] as const;

export const BOARD_PAGE = '/packages/org/board/index';

export const orgLifeReminderId = (branchId: string, kind: string, period: string, days: number) => `orglife-due:${branchId}:${kind}:${period}:${days}`;

/** The reminder day a cell due on `dueOn` has reached on `today`: the smallest N with today ≥ dueOn − N, or null. */
export function reminderDay(dueOn: string, today: string): number | null {
  if (today > dueOn) return null;
  const reached = REMIND_DAYS.filter((n) => today >= addDays(dueOn, -n));
  return reached.length ? Math.min(...reached) : null;
}

export async function remindOrgLife(now: Date): Promise<number> {
  const board = await loadBoard(quarterOf(now), null, now);
  const secretary = new Map(board.branches.map((b) => [b.id, b]));
  const rows: (OutboxInput & { id: string })[] = board.cells.flatMap((c) => {
    if (c.status !== 'due') return [];
    const n = reminderDay(c.dueOn, board.today);
    const b = secretary.get(c.branchId);
    if (n === null || !b?.secretaryOpenid) return [];
    const left = c.dueOn === board.today ? '今天截止' : `${c.dueOn} 截止`;
    const waiting = c.pending ? `，另有 ${c.pending} 条记录待核实` : '';
    return [{
      id: orgLifeReminderId(c.branchId, c.kind, c.period, n), type: 'org.orgLifeDue', toOpenid: b.secretaryOpenid, template: 'partyReminder',
      data: { topic: '三会一课提醒', branch: b.name, detail: `${c.periodLabel}${c.kind}尚未召开（${left}${waiting}）`, day: c.dueOn },
      page: `${BOARD_PAGE}?branchId=${c.branchId}&quarter=${board.quarter}`, ref: `branches/${c.branchId}`,
    }];
  });
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 20) chunks.push(rows.slice(i, i + 20));
  await mapLimit(chunks, 1, (c) => enqueueOnce(c));
  return rows.length;
}
