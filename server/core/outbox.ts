/**
 * The outbox: messages to people (WeChat subscribe messages in production) written as rows
 * next to the change they announce, then delivered by the reminders capability's timer
 * function. Writing a row inside the same transaction as the change means a message is
 * queued exactly when the change commits — never for a change that rolled back, never lost
 * for one that committed. Every capability enqueues through here.
 *
 * Rows may carry a fixed `_id` (e.g. the reminder of a booking) so a later change can cancel
 * exactly that row (`cancelQueued`).
 */
import { cmd, col, type Tx } from './db';
import { isDuplicateKey } from './errors';
import type { OutboxDoc } from './schema';

export interface OutboxInput {
  /** Fixed id when the row may have to be cancelled later; otherwise the database picks one. */
  id?: string;
  type: string;
  toOpenid: string;
  template: string;
  data: Record<string, string>;
  page?: string;
  /** When to send; now when missing. */
  dueAt?: Date;
  ref: string;
  /**
   * Send only if the document `ref` names ("collection/id") still has these fields then: for a
   * message due later, whose reason may be gone by its time. Costs the deliverer one query per
   * collection per run.
   */
  sendIf?: Record<string, string>;
  /** Set by `toAdmins`: the row is addressed to a role, not a person (see there). */
  toRole?: OutboxRole;
}

export type OutboxRole = 'admin';

/**
 * The `toOpenid` of a row addressed to a role. No WeChat openid contains a colon, so no person's
 * 消息中心 (which reads `toOpenid = <their openid>`) ever shows the role row itself.
 */
export const roleRecipient = (role: OutboxRole) => `role:${role}`;

/**
 * A message to the admins as a role: ONE row, whatever the number of admins, queued with the
 * change's other messages (one insert). The notify deliverer fans it out into one row per admin
 * (fixed ids `<role row id>:<openid>`, so two overlapping runs or a re-run fan out once), reading the
 * admins then: who gets it is decided by who holds the role at delivery time, not at filing — an
 * admin removed in between is not told, one added in between is. The cost: the filing's tap no
 * longer reads the admins (issue 19: that read and the per-admin rows were two of its round trips),
 * and a notice reaches the admins one delivery run (a minute) later than a per-person row would.
 */
export function toAdmins(input: Omit<OutboxInput, 'toOpenid' | 'toRole'>): OutboxInput {
  return { ...input, toOpenid: roleRecipient('admin'), toRole: 'admin' };
}

/** The fixed id of a role row's copy for one person: the same on every fan-out of that row. */
export const fannedId = (roleRowId: string, openid: string) => `${roleRowId}:${openid}`;

export function outboxRow(input: OutboxInput, now = new Date()): OutboxDoc & { _id?: string } {
  const row: OutboxDoc & { _id?: string } = {
    type: input.type,
    toOpenid: input.toOpenid,
    template: input.template,
    data: input.data,
    page: input.page ?? '',
    dueAt: input.dueAt ?? now,
    status: 'pending',
    attempts: 0,
    ref: input.ref,
    createdAt: now,
  };
  if (input.sendIf) row.sendIf = input.sendIf;
  if (input.toRole) row.toRole = input.toRole;
  if (input.id) row._id = input.id;
  return row;
}

/** Rows per insert request outside a transaction. */
const OUTBOX_CHUNK = 200;

/** Queues messages; inside `tx` they commit or roll back with the caller's change. */
export async function enqueue(inputs: OutboxInput[], tx?: Tx): Promise<void> {
  const now = new Date();
  const rows = inputs.filter((i) => !!i.toOpenid).map((i) => outboxRow(i, now));
  if (tx) {
    // Transactional calls go one after another on the transaction's session.
    for (const r of rows) await tx.collection('outbox').add(r);
  } else {
    // Many rows at once (the notices of a cancelled 2000-person activity): one insert request per
    // chunk instead of one per row — 1000 single inserts took ~15 s locally, past the 10 s limit.
    const chunks = [];
    for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) chunks.push(rows.slice(i, i + OUTBOX_CHUNK));
    await Promise.all(chunks.map((c) => col('outbox').add(c)));
  }
}

/**
 * Marks still-pending rows with these ids cancelled (e.g. the reminders of a cancelled booking):
 * one conditional update, so a row already sent stays sent.
 */
export async function cancelQueued(ids: string[]): Promise<void> {
  if (ids.length) await col('outbox').where({ _id: cmd().in(ids), status: 'pending' }).update({ status: 'cancelled' });
}

/**
 * Queues rows with fixed ids unless a row with that id exists (one insert each; a duplicate is
 * the row already there): the message of a subject that may already have been queued — e.g. a
 * reminder queued at booking by an earlier version — is queued once, and one already sent is not
 * sent again.
 */
export async function enqueueOnce(inputs: (OutboxInput & { id: string })[]): Promise<void> {
  const now = new Date();
  await Promise.all(
    inputs.filter((i) => !!i.toOpenid).map((i) =>
      col('outbox').add(outboxRow(i, now)).catch((err) => {
        if (!isDuplicateKey(err)) throw err;
      }),
    ),
  );
}

/**
 * Messages carried on the document whose change they announce, instead of inserted beside it
 * (issue 19): the change's own write sets `carriedNotices`, so the messages cost the tap no
 * request of their own and are queued exactly when the change is written — never for a write
 * that did not happen, never lost by a call killed after it. The notify timer moves them into the
 * outbox at the start of every run (`flushCarried`), before it reads the due rows, so they are
 * delivered in the same run a row queued by the tap would have been; what changes is that the
 * 消息中心 shows them from that run on (a minute at most) rather than at once.
 *
 * Rows carry fixed ids: moving them twice (two overlapping runs, a run killed between the insert
 * and the clearing) queues each once. `key` names this batch: the clearing is conditional on it,
 * so a newer batch written meanwhile on the same document is not cleared unmoved.
 */
export interface CarriedNotices {
  key: string;
  rows: (OutboxInput & { id: string })[];
}

/** The documents that may carry notices (each queried once per notify run while any do). */
export const NOTICE_CARRIERS = ['expertLeaves', 'bookings'] as const;
type Carrier = (typeof NOTICE_CARRIERS)[number];
/** Carrier documents moved per collection per run; the next run takes the rest. */
const CARRIED_BATCH = 50;

export function carry(key: string, rows: (OutboxInput & { id: string })[]): CarriedNotices | null {
  const kept = rows.filter((r) => !!r.toOpenid);
  return kept.length ? { key, rows: kept } : null;
}

/**
 * Moves carried notices into the outbox. Database calls: 1 query per carrier collection, and per
 * carrying document 1 insert (all its rows; one insert per row only if some were queued already)
 * and 1 conditional clearing.
 */
export async function flushCarried(now = new Date()): Promise<number> {
  const _ = cmd();
  let moved = 0;
  await Promise.all(
    NOTICE_CARRIERS.map(async (name: Carrier) => {
      // A range on the key (indexed in cloudbaserc.json): null and missing never match.
      const { data } = await col(name).where({ 'carriedNotices.key': _.gt('') }).field({ carriedNotices: true }).limit(CARRIED_BATCH).get();
      for (const d of data as { _id: string; carriedNotices?: CarriedNotices | null }[]) {
        const c = d.carriedNotices;
        if (!c) continue;
        const rows = c.rows.map((r) => ({ ...r, dueAt: r.dueAt ? new Date(r.dueAt) : now }));
        await enqueue(rows).catch((err) => {
          if (!isDuplicateKey(err)) throw err;
          return enqueueOnce(rows);
        });
        await col(name).where({ _id: d._id, 'carriedNotices.key': c.key }).update({ carriedNotices: null });
        moved += rows.length;
      }
    }),
  );
  return moved;
}
