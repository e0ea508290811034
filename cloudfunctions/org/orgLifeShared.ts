/** Organisation life (三会一课, 主题党日): params and loaders shared by its actions. */
import * as z from 'zod';
import { cmd, col, type WithId } from '../../server/core/db';
import { AppError, isDuplicateKey } from '../../server/core/errors';
import { eventDoc, type EventDoc } from '../checkin/public';
import type { Caller } from '../../server/core/caller';
import type { OrgLifeDoc, OrgLifeKind, OrgLifeState } from './docs';
import { quarterOf } from './scoring';

export const ORG_LIFE_KINDS: readonly OrgLifeKind[] = ['支部党员大会', '支委会', '党小组会', '党课', '主题党日', '民主生活会', '组织生活会'];
export const kindParam = z.enum(ORG_LIFE_KINDS as [OrgLifeKind, ...OrgLifeKind[]]);
/** The kinds the 三会一课 rule table may hold (not 民主生活会 / 组织生活会: annual, no frequency rule). */
export const RULE_KINDS: readonly OrgLifeKind[] = ['支部党员大会', '支委会', '党小组会', '党课', '主题党日'];
export const ruleKindParam = z.enum(RULE_KINDS as [OrgLifeKind, ...OrgLifeKind[]]);
export const recordIdParam = z.string().trim().regex(/^ol-[a-z0-9]{4,16}$/, '记录编号格式不正确');
export const guestNamesParam = z.array(z.string().trim().min(1).max(20)).max(50);

/** 会议记录 (G-03): optional, bounded so one record stays a small document. */
export const minutesParam = z.string().trim().max(5000, '会议记录不超过 5000 字');
export const MAX_PHOTOS = 9;
const PHOTO_ID_RE = /^cloud:\/\/([A-Za-z0-9_-]+)\.[A-Za-z0-9._-]+\/[A-Za-z0-9._\-/]{1,200}$/;
/**
 * Meeting photos (G-03): cloud storage file ids the app uploaded first (Taro.cloud.uploadFile), never
 * image bytes or outside URLs. Where the environment id is known, a file of another environment is
 * refused — it could not be shown and would only be somebody else's file. Photos are the branch's
 * record of its meeting, not personal data: 我的数据 and erasure leave them with the record.
 */
export const photosParam = z
  .array(
    z.string().trim().refine((id) => {
      const m = PHOTO_ID_RE.exec(id);
      const env = process.env.TCB_ENV_ID;
      return !!m && !id.includes('..') && (!env || m[1] === env);
    }, '照片须先上传到本小程序的云存储'),
  )
  .max(MAX_PHOTOS, `照片最多 ${MAX_PHOTOS} 张`)
  .transform((ids) => [...new Set(ids)]);

export async function getRecord(id: string): Promise<WithId<OrgLifeDoc>> {
  const [r] = (await col('orgLife').doc(id).get()).data;
  if (!r) throw new AppError('NOT_FOUND', '该组织生活记录不存在或已删除，请返回刷新。');
  return r;
}

/** One `$lookup` stage's argument, joined onto the record by `recordForChange`. */
export type RecordLookup = { from: string; as: string } & Record<string, unknown>;

/**
 * A record with what every change of it checks — its branch's secretary and whether its quarter is
 * finalised (locked) — in ONE aggregation, plus any `lookups` the action needs (its event, the
 * sign-in it strikes…). Issue 19: this was three reads (record, branch, rating) before each
 * change's own. The lock is read, not an invariant, as `refuseIfFinalised` says.
 */
export async function recordWithBranch<X extends Record<string, unknown[]> = Record<string, never>>(
  id: string,
  lookups: RecordLookup[] = [],
): Promise<{ r: WithId<OrgLifeDoc> & X; secretaryOpenid: string | null; locked: boolean }> {
  const _ = cmd();
  const $ = _.aggregate;
  let q = col('orgLife')
    .aggregate()
    .match({ _id: id })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
    // The branch's finalised quarters (a handful a year), only their quarter: the record's own is looked for below.
    .lookup({
      from: 'ratings',
      let: { branchId: '$branchId' },
      pipeline: $.pipeline().match(_.expr($.and([$.eq(['$branchId', '$$branchId']), $.eq(['$status', 'final'])]))).project({ _id: 0, quarter: 1 }).done(),
      as: 'finalQuarters',
    });
  for (const l of lookups) q = q.lookup(l);
  const { data } = (await q.limit(1).end()) as {
    data: (WithId<OrgLifeDoc> & X & { branch: { secretaryOpenid?: string | null }[]; finalQuarters: { quarter: string }[] })[];
  };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '该组织生活记录不存在或已删除，请返回刷新。');
  const { branch, finalQuarters, ...r } = row;
  if (!branch[0]) throw new AppError('NOT_FOUND', '党组织不存在，请刷新后重试。');
  const quarter = quarterOf(new Date(r.startAt));
  return { r: r as unknown as WithId<OrgLifeDoc> & X, secretaryOpenid: branch[0].secretaryOpenid ?? null, locked: finalQuarters.some((f) => f.quarter === quarter) };
}

/**
 * The record a secretary or an admin changes (`recordWithBranch`, one aggregation). Refuses a
 * caller who is neither an admin nor the branch's secretary (FORBIDDEN, as `branchForCaller`) and
 * a locked record (CLOSED, as `refuseIfFinalised`).
 */
export async function recordForChange<X extends Record<string, unknown[]> = Record<string, never>>(
  caller: Caller,
  id: string,
  lookups: RecordLookup[] = [],
): Promise<WithId<OrgLifeDoc> & X> {
  const { r, secretaryOpenid, locked } = await recordWithBranch<X>(id, lookups);
  if (!caller.is('admin') && secretaryOpenid !== caller.openid) throw new AppError('FORBIDDEN', '只能查看和记录本支部的组织生活。');
  if (locked) throw new AppError('CLOSED', FINALISED_MESSAGE);
  return r;
}

export const FINALISED_MESSAGE = '该季度星级已定级，本季度的组织生活记录已锁定，不能修改或撤回。';

/** A record entered this long after its meeting ended counts only after an admin's 核实. */
export const LATE_ENTRY_MS = 7 * 86400_000;

export const STATE_LABELS: Record<OrgLifeState, string> = { counted: '已计入', pending: '待核实', rejected: '未通过核实', withdrawn: '已撤回' };

/** Records written before 核实 existed carry no state: they count, as they always did. */
export const stateOf = (r: Pick<OrgLifeDoc, 'state'>): OrgLifeState => r.state ?? 'counted';

/**
 * Refuses a change to a record whose quarter's rating is finalised: the stored rating was scored
 * from these records, and they must stay what it was scored from. A checked read, not an
 * invariant: an edit racing the very finalisation can slip in, which costs a record that differs
 * from the frozen rating's detail (the stored rating itself never changes).
 */
/** The same refusal for a record read on its own (one read). */
export async function refuseIfFinalised(r: Pick<OrgLifeDoc, 'branchId' | 'startAt'>): Promise<void> {
  if (await isFinalised(r)) throw new AppError('CLOSED', FINALISED_MESSAGE);
}

/** Whether the record's quarter has a finalised rating (its records are locked). One read. */
export async function isFinalised(r: Pick<OrgLifeDoc, 'branchId' | 'startAt'>): Promise<boolean> {
  const quarter = quarterOf(new Date(r.startAt));
  const [rating] = (await col('ratings').doc(`${quarter}_${r.branchId}`).get()).data;
  return rating?.status === 'final';
}

/**
 * A record as a list shows it: the 会议记录 and photos stay on the record's own page (getOrgLife),
 * so 200 rows of up to 5000 characters each never make one reply; the list says whether they exist.
 */
export function recordRowView(r: WithId<OrgLifeDoc>, attendees: number, scannedGuests = 0) {
  const { minutes, photos, ...rest } = recordView(r, attendees, scannedGuests);
  return { ...rest, hasMinutes: minutes.length > 0, photoCount: photos.length };
}

/** `attendees`: members present (scanned or added by hand); `guests`: 列席, by name or by a scan of someone outside the branch. */
export function recordView(r: WithId<OrgLifeDoc>, attendees: number, scannedGuests = 0) {
  return {
    id: r._id,
    branchId: r.branchId,
    kind: r.kind,
    topic: r.topic,
    startAt: new Date(r.startAt).toISOString(),
    endAt: new Date(r.endAt).toISOString(),
    place: r.place,
    venueId: r.venueId,
    summary: r.summary,
    minutes: r.minutes ?? '',
    photos: r.photos ?? [],
    eventId: r.eventId,
    guests: r.guestNames.length + scannedGuests,
    attendees,
    state: stateOf(r),
    stateLabel: STATE_LABELS[stateOf(r)],
    pendingReason: stateOf(r) === 'pending' ? (r.pendingReason ?? null) : null,
    recordedBy: r.recordedBy,
    confirmedBy: r.confirmedBy ?? null,
    confirmedAt: r.confirmedAt ? new Date(r.confirmedAt).toISOString() : null,
    reviewNote: r.reviewNote ?? '',
    editedAt: r.editedAt ? new Date(r.editedAt).toISOString() : null,
    /** The version the reader saw: 核实 sends it back, so an edit made since then is a conflict. */
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/**
 * A record's sign-in event as createOrgLife writes it (title, place and time from the record).
 * createOrgLife writes the record first and its event second (a saga, see its header): a call that
 * died between the two leaves a record whose `eventId` names no event, and the pages that need the
 * event (getOrgLife, addAttendees) put it back from the record with this — under the record's own
 * `eventId`, so two of them restoring at once write it once (a duplicate key is the event already there).
 */
export async function restoreMeetingEvent(r: WithId<OrgLifeDoc>, opts: { strict?: boolean } = {}): Promise<WithId<EventDoc>> {
  const event: WithId<EventDoc> = {
    _id: r.eventId,
    ...eventDoc({ kind: 'meeting', refId: r._id, title: meetingTitle(r.kind, r.topic), venueId: r.venueId, place: r.place, startAt: new Date(r.startAt), endAt: new Date(r.endAt), createdBy: r.recordedBy }),
    // A withdrawn record takes no more sign-ins.
    ...(stateOf(r) === 'withdrawn' ? { status: 'closed' as const } : {}),
  };
  try {
    await col('events').add(event);
  } catch (err) {
    // strict (createOrgLife's first write of it): a duplicate is ANOTHER event holding the drawn id.
    if (opts.strict || !isDuplicateKey(err)) throw err;
  }
  return event;
}

/** The sign-in event's title for a meeting: 「主题党日：…」, as long as an event title may be. */
export const meetingTitle = (kind: OrgLifeKind, topic: string) => `${kind}：${topic}`.slice(0, 40);
