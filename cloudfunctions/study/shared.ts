/** Pieces every study action shares: params, access to a group, views, the activity mark. */
import * as z from 'zod';
import { col, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import type { StudyGroupDoc, StudyTopicDoc, StudyProgressDoc, StudyRecordDoc } from './docs';
import { MONTH_RE, parkWeek } from './calendar';

export { charCount } from './text';

export const idParam = z.string().trim().min(1).max(64);
export const openidParam = z.string().trim().min(1).max(128);
export const monthParam = z.string().regex(MONTH_RE, '月份格式应为 2026-11');
/** Invite codes are shown in capitals without 0/O/1/I; people type them in any case. */
export const codeParam = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6,12}$/, '邀请码为 6–12 位字母或数字');

/** Membership / progress / record keys: one document per person and group (and month). */
export const memberKey = (groupId: string, openid: string) => `${groupId}:${openid}`;
export const monthKey = (groupId: string, month: string, openid: string) => `${groupId}:${month}:${openid}`;
export const topicKey = (groupId: string, month: string) => `${groupId}:${month}`;

export interface GroupAccess {
  group: WithId<StudyGroupDoc>;
  member: boolean;
  manager: boolean;
}

/**
 * Who may run a group, decided from the caller's roles now, never from who created it: admins;
 * for a branch group the branch's current secretary (one extra read, only for secretaries); for
 * a topic group its owner while they are still a secretary. A replaced secretary therefore loses
 * the group at once, even before user.grantRole hands its ownership to the successor.
 */
export async function isManager(caller: Caller, group: WithId<StudyGroupDoc>): Promise<boolean> {
  if (caller.is('admin')) return true;
  if (!caller.is('secretary') || !group.branchId) return managesGroup(caller, group, null);
  const [branch] = (await col('branches').doc(group.branchId).get()).data;
  return managesGroup(caller, group, branch?.secretaryOpenid ?? null);
}

/** isManager's rule with the group's branch secretary already read (by an action's own aggregation). */
export function managesGroup(caller: Caller, group: Pick<StudyGroupDoc, 'branchId' | 'ownerOpenid'>, branchSecretary: string | null): boolean {
  if (caller.is('admin')) return true;
  if (!caller.is('secretary')) return false;
  if (!group.branchId) return group.ownerOpenid === caller.openid;
  return branchSecretary === caller.openid;
}

/** The group and the caller's relation to it: two reads in parallel (three for a branch secretary). */
export async function groupAccess(caller: Caller, groupId: string): Promise<GroupAccess> {
  const [g, m] = await Promise.all([col('studyGroups').doc(groupId).get(), col('studyMembers').doc(memberKey(groupId, caller.openid)).get()]);
  const group = g.data[0];
  if (!group) throw new AppError('NOT_FOUND', '学习小组不存在或已解散，请返回刷新。');
  return { group, member: m.data.length > 0, manager: await isManager(caller, group) };
}

/**
 * requireManager for an action that needs only the manager's right, not the caller's membership:
 * the group with its branch's secretary as a lookup — ONE read for everyone (requireManager makes
 * two, three for a branch secretary). NOT_FOUND / FORBIDDEN exactly as requireManager answers them.
 */
export async function managedGroup(caller: Caller, groupId: string): Promise<WithId<StudyGroupDoc>> {
  const { data } = (await col('studyGroups')
    .aggregate()
    .match({ _id: groupId })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
    .limit(1)
    .end()) as { data: (WithId<StudyGroupDoc> & { branch: { secretaryOpenid?: string | null }[] })[] };
  const row = data[0];
  if (!row) throw new AppError('NOT_FOUND', '学习小组不存在或已解散，请返回刷新。');
  const { branch, ...group } = row;
  if (!managesGroup(caller, group, branch[0]?.secretaryOpenid ?? null)) throw new AppError('FORBIDDEN', '只有小组负责人、所在支部书记或党务管理员可以进行此操作。');
  return group as WithId<StudyGroupDoc>;
}

/** Members and the group's managers may look; others are told how to join. */
export async function requireViewer(caller: Caller, groupId: string): Promise<GroupAccess> {
  const a = await groupAccess(caller, groupId);
  if (!a.member && !a.manager) throw new AppError('FORBIDDEN', '您还不是该学习小组成员，请从微信群的小组卡片或用邀请码加入。');
  return a;
}

/** Studying (marking read, writing the record) is for members of the group. */
export async function requireMember(caller: Caller, groupId: string): Promise<GroupAccess> {
  const a = await groupAccess(caller, groupId);
  if (!a.member) throw new AppError('FORBIDDEN', '您还不是该学习小组成员，请先加入小组。');
  return a;
}

export async function requireManager(caller: Caller, groupId: string): Promise<GroupAccess> {
  const a = await groupAccess(caller, groupId);
  if (!a.manager) throw new AppError('FORBIDDEN', '只有小组负责人、所在支部书记或党务管理员可以进行此操作。');
  return a;
}

export function groupSummary(g: WithId<StudyGroupDoc>) {
  return { id: g._id, name: g.name, kind: g.kind, branchId: g.branchId, description: g.description, chatCount: g.chatCount, closed: !!g.closedAt };
}

export async function getTopic(groupId: string, month: string): Promise<WithId<StudyTopicDoc> | null> {
  const [t] = (await col('studyTopics').doc(topicKey(groupId, month)).get()).data;
  return t ?? null;
}

export function topicView(t: WithId<StudyTopicDoc>) {
  return {
    month: t.month,
    title: t.title,
    intro: t.intro,
    materials: t.materials.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      body: m.body,
      url: m.url,
      ...(m.kind === 'channels' ? { finderUserName: m.finderUserName ?? '', feedId: m.feedId ?? '', nonceId: m.nonceId ?? '' } : {}),
    })),
    minRecordChars: t.minRecordChars,
    updatedAt: t.updatedAt,
  };
}

/** One member's standing in a month: what is read of the topic, whether the record is written. */
export function standing(topic: { materials: readonly Pick<StudyTopicDoc['materials'][number], 'id'>[] } | null, p: Pick<StudyProgressDoc, 'readIds' | 'recordChars'> | null | undefined) {
  const ids = topic?.materials.map((m) => m.id) ?? [];
  const read = ids.filter((id) => p?.readIds.includes(id)).length;
  const recorded = (p?.recordChars ?? 0) > 0;
  return { read, total: ids.length, recorded, finished: read === ids.length && recorded };
}

/** The id of the caller's study mark for the park week of `at`: `<openid>:<week>`. */
export const activityId = (openid: string, at: Date) => `${openid}:${parkWeek(at)}`;

/**
 * Marks the caller's park week as a study week (for the streak). Deterministic id and `set`:
 * any number of marks in a week is one document.
 */
export async function markActivity(openid: string, at = new Date()): Promise<void> {
  await col('studyActivity').doc(activityId(openid, at)).set({ openid, week: parkWeek(at), at });
}

/** A member's month in a group as one read sees it (groupMonth). */
export interface GroupMonth {
  _id: string;
  member: { _id: string }[];
  /** Only the materials' ids (what `standing` counts), not their text. */
  topic: (Pick<StudyTopicDoc, 'minRecordChars'> & { materials: { id: string }[] })[];
  record: Pick<StudyRecordDoc, 'createdAt'>[];
  progress: Pick<StudyProgressDoc, 'readIds'>[];
  activity: { _id: string }[];
}

/**
 * The group with, joined by id in ONE database request (issue 19: these were up to five reads):
 * the caller's membership, the month's topic (material ids only), whether the record and the month
 * row exist yet (the record's date, not its text), and whether this week is already marked.
 * Undefined when the group does not exist. What a member's study actions (saveRecord, markRead)
 * need before they write.
 */
export async function groupMonth(groupId: string, month: string, openid: string, now: Date): Promise<GroupMonth | undefined> {
  const join = (from: string, key: string, as: string) => ({ from, localField: key, foreignField: '_id', as });
  const { data } = (await col('studyGroups')
    .aggregate()
    .match({ _id: groupId })
    .addFields({ memberKey: memberKey(groupId, openid), topicKey: topicKey(groupId, month), monthKey: monthKey(groupId, month, openid), activityKey: activityId(openid, now) })
    .lookup(join('studyMembers', 'memberKey', 'member'))
    .lookup(join('studyTopics', 'topicKey', 'topic'))
    .lookup(join('studyRecords', 'monthKey', 'record'))
    .lookup(join('studyProgress', 'monthKey', 'progress'))
    .lookup(join('studyActivity', 'activityKey', 'activity'))
    .project({ 'member._id': 1, 'topic.minRecordChars': 1, 'topic.materials.id': 1, 'record.createdAt': 1, 'progress.readIds': 1, 'activity._id': 1 })
    .limit(1)
    .end()) as { data: GroupMonth[] };
  return data[0];
}

/** groupMonth, refused as requireMember refuses: NOT_FOUND without the group, FORBIDDEN without the membership. */
export async function memberMonth(groupId: string, month: string, openid: string, now: Date): Promise<GroupMonth> {
  const row = await groupMonth(groupId, month, openid, now);
  if (!row) throw new AppError('NOT_FOUND', '学习小组不存在或已解散，请返回刷新。');
  if (!row.member.length) throw new AppError('FORBIDDEN', '您还不是该学习小组成员，请先加入小组。');
  return row;
}
