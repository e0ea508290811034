/**
 * The party timer's work (cloudbaserc.json → party trigger `remind`, daily; locally the gateway's
 * 30-second timer): reminders to branch secretaries, each queued once by a fixed outbox id
 * (server/core/outbox.ts enqueueOnce — the insert is the "once": a later run's duplicate key is the
 * row already there, sent or not), so a daily run, two overlapping runs or a retried one never
 * send a second copy.
 *   党费: from DUES_REMIND_DAY of a month, every branch whose previous month is not settled
 *        (members without a paid / 免缴 month) — once per branch per month.
 *   发展: each due item of developmentDue (积极分子 reaching a year, 预备期 ending, contacts
 *        missing) — once per file and item.
 * A branch without a secretary is skipped until it has one (then that secretary is told).
 */
import { cmd, col } from '../../server/core/db';
import { enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import { mapLimit } from '../../server/core/limit';
import { parkDay } from '../../server/core/time';
import { addMonths, monthLabel } from './duesShared';
import { duesFigures } from './duesSummary';
import { dueItems } from './developmentDue';

/** From this day of a month on, last month's unpaid dues are reminded (党费 is due within the month). */
export const DUES_REMIND_DAY = 10;

export const duesReminderId = (branchId: string, month: string) => `party-dues:${branchId}:${month}`;
export const devReminderId = (fileId: string, kind: string, dueOn: string | null) => `party-dev:${fileId}:${kind}:${dueOn ?? '-'}`;

const DUES_PAGE = '/packages/branch/dues/index';
const DEV_PAGE = '/packages/branch/development/index';

async function secretaries(branchIds: string[]): Promise<Map<string, { openid: string; name: string }>> {
  if (!branchIds.length) return new Map();
  const { data } = await col('branches').where({ _id: cmd().in(branchIds) }).field({ name: true, secretaryOpenid: true }).limit(1000).get();
  return new Map(data.filter((b) => b.secretaryOpenid).map((b) => [b._id, { openid: b.secretaryOpenid!, name: b.name }]));
}

/** Queues in bounded batches (enqueueOnce runs its inserts in parallel). */
async function queue(rows: (OutboxInput & { id: string })[]): Promise<void> {
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 20) chunks.push(rows.slice(i, i + 20));
  await mapLimit(chunks, 1, (c) => enqueueOnce(c));
}

export async function remindDues(now: Date): Promise<number> {
  const today = parkDay(now);
  if (Number(today.slice(8, 10)) < DUES_REMIND_DAY) return 0;
  const month = addMonths(today.slice(0, 7), -1);
  const figures = await duesFigures([month], null);
  const open = [...figures].filter(([, [f]]) => f.members > f.paid + f.exempt);
  const sec = await secretaries(open.map(([id]) => id));
  const rows = open.flatMap(([branchId, [f]]) => {
    const s = sec.get(branchId);
    if (!s) return [];
    const unregistered = Math.max(0, f.members - f.registered);
    const unpaid = Math.max(0, f.members - f.paid - f.exempt - unregistered);
    const detail = `${monthLabel(month)}尚有 ${unpaid} 人未缴${unregistered ? `、${unregistered} 人未登记` : ''}`;
    return [{
      id: duesReminderId(branchId, month), type: 'party.duesUnpaid', toOpenid: s.openid, template: 'partyReminder',
      data: { topic: '党费收缴提醒', branch: s.name, detail, day: today }, page: `${DUES_PAGE}?branchId=${branchId}&month=${month}`, ref: `branches/${branchId}`,
    }];
  });
  await queue(rows);
  return rows.length;
}

const DEV_TEXT: Record<string, string> = {
  可列为发展对象: '积极分子培养满一年，可讨论列为发展对象',
  预备期将满: '预备期将满一年，可讨论转为正式党员',
  未定培养联系人: '尚未确定两名培养联系人',
};

export async function remindDevelopment(now: Date): Promise<number> {
  const today = parkDay(now);
  const items = await dueItems(null, today);
  const sec = await secretaries([...new Set(items.map((i) => i.branchId))]);
  const rows = items.flatMap((i) => {
    const s = sec.get(i.branchId);
    if (!s) return [];
    return [{
      id: devReminderId(i.id, i.kind, i.dueOn), type: 'party.developmentDue', toOpenid: s.openid, template: 'partyReminder',
      data: { topic: '发展党员待办', branch: s.name, detail: `${i.name}：${DEV_TEXT[i.kind]}`, day: i.dueOn ?? today }, page: `${DEV_PAGE}?id=${i.id}`, ref: `partyDevelopment/${i.id}`,
    }];
  });
  await queue(rows);
  return rows.length;
}

export async function remindAll(now: Date): Promise<{ dues: number; development: number }> {
  return { dues: await remindDues(now), development: await remindDevelopment(now) };
}
