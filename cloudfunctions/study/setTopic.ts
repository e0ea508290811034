import * as z from 'zod';
import { randomBytes } from 'crypto';
import { action } from '../../server/core/router';
import { cmd, col, type WithId } from '../../server/core/db';
import type { Caller } from '../../server/core/caller';
import { AppError } from '../../server/core/errors';
import { audit } from '../../server/core/audit';
import { addMonths, parkMonth } from './calendar';
import type { StudyGroupDoc, StudyMaterial, StudyTopicDoc } from './docs';
import { idParam, managesGroup, monthParam, topicKey, topicView } from './shared';
import { CLOSED_GROUP } from './groupAdmin';

/** Shortest and longest 自学记录 a secretary may ask for. */
export const RECORD_MIN_RANGE = { min: 50, max: 1000, default: 200 } as const;

const url = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, '链接应以 http:// 或 https:// 开头');

/** 视频号 ids as 视频号助手 shows them: 「sph」 and letters or digits. */
const finderUserName = z
  .string()
  .trim()
  .regex(/^sph[A-Za-z0-9_-]{3,40}$/, '视频号 ID 以 sph 开头，请在视频号助手首页复制');
/** A video's feedId as 视频号助手「动态管理」 copies it (often `export/…`). */
const feedId = z
  .string()
  .trim()
  .min(1, '请填写视频的 feedId')
  .max(500, 'feedId 过长，请检查是否复制完整')
  .regex(/^[A-Za-z0-9_\-\/+=.]+$/, 'feedId 格式不正确，请在视频号助手「动态管理」中复制该视频的 feedId');
const nonceId = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9_\-\/+=.]*$/, 'nonceId 格式不正确，请从视频号助手复制')
  .default('');

const material = z.discriminatedUnion('kind', [
  z.strictObject({ id: z.string().regex(/^m[a-z0-9]{4,12}$/).optional(), kind: z.literal('text'), title: z.string().trim().min(1, '请填写资料标题').max(60), body: z.string().trim().min(1, '请填写学习内容').max(8000), url: z.literal('').optional() }),
  z.strictObject({ id: z.string().regex(/^m[a-z0-9]{4,12}$/).optional(), kind: z.literal('link'), title: z.string().trim().min(1, '请填写资料标题').max(60), body: z.string().trim().max(500).default(''), url }),
  z.strictObject({ id: z.string().regex(/^m[a-z0-9]{4,12}$/).optional(), kind: z.literal('video'), title: z.string().trim().min(1, '请填写资料标题').max(60), body: z.string().trim().max(500).default(''), url }),
  // 视频号: opened in WeChat from its id and feedId; a web address is optional (the browser build).
  z.strictObject({
    id: z.string().regex(/^m[a-z0-9]{4,12}$/).optional(),
    kind: z.literal('channels'),
    title: z.string().trim().min(1, '请填写资料标题').max(60),
    body: z.string().trim().max(500).default(''),
    finderUserName,
    feedId,
    nonceId,
    url: z.union([z.literal(''), url]).default(''),
  }),
]);

/**
 * The group, its branch's secretary and the month's topic in one aggregation (issue 19: the
 * manager check and the topic were three or four reads); refuses a caller who does not manage it.
 */
async function managedTopic(caller: Caller, groupId: string, month: string): Promise<WithId<StudyTopicDoc> | null> {
  const $ = cmd().aggregate;
  const { data } = (await col('studyGroups')
    .aggregate()
    .match({ _id: groupId })
    .lookup({ from: 'branches', localField: 'branchId', foreignField: '_id', as: 'branch' })
    .lookup({ from: 'studyTopics', let: {}, pipeline: $.pipeline().match({ _id: topicKey(groupId, month) }).limit(1).done(), as: 'topic' })
    .project({ branchId: 1, ownerOpenid: 1, closedAt: 1, 'branch.secretaryOpenid': 1, topic: 1 })
    .limit(1)
    .end()) as { data: (WithId<StudyGroupDoc> & { branch: { secretaryOpenid: string | null }[]; topic: WithId<StudyTopicDoc>[] })[] };
  const g = data[0];
  if (!g) throw new AppError('NOT_FOUND', '学习小组不存在或已解散，请返回刷新。');
  if (!managesGroup(caller, g, g.branch[0]?.secretaryOpenid ?? null)) throw new AppError('FORBIDDEN', '只有小组负责人、所在支部书记或党务管理员可以进行此操作。');
  // A closed group gets no new topic: its figures stop at the month it was closed in (G-13).
  if (g.closedAt) throw new AppError('CLOSED', CLOSED_GROUP);
  return g.topic[0] ?? null;
}

/**
 * 一月一专题: a manager sets the month's topic and materials, for this month or up to two
 * months ahead (past months are history: members' marks and records refer to them). Material
 * ids are kept when sent back, so editing one material does not clear members' other marks.
 */
export const setTopic = action({
  roles: ['admin', 'secretary'],
  params: z.strictObject({
    groupId: idParam,
    month: monthParam,
    title: z.string().trim().min(2, '专题名称至少 2 个字').max(40),
    intro: z.string().trim().max(1000).default(''),
    materials: z.array(material).min(1, '请至少添加一份学习资料').max(12),
    minRecordChars: z.number().int().min(RECORD_MIN_RANGE.min).max(RECORD_MIN_RANGE.max).default(RECORD_MIN_RANGE.default),
  }),
  async handler(p, ctx) {
    const current = parkMonth();
    if (p.month < current || p.month > addMonths(current, 2)) {
      throw new AppError('VALIDATION', '只能设置本月或之后两个月的专题，往月专题已归档。');
    }
    const before = await managedTopic(ctx.caller, p.groupId, p.month);
    const known = new Set(before?.materials.map((m) => m.id) ?? []);
    const seen = new Set<string>();
    const materials: StudyMaterial[] = p.materials.map((m) => {
      let id = m.id && known.has(m.id) && !seen.has(m.id) ? m.id : `m${randomBytes(4).toString('hex')}`;
      while (seen.has(id)) id = `m${randomBytes(4).toString('hex')}`;
      seen.add(id);
      if (m.kind === 'channels') {
        return { id, kind: m.kind, title: m.title, body: m.body, url: m.url, finderUserName: m.finderUserName, feedId: m.feedId, ...(m.nonceId ? { nonceId: m.nonceId } : {}) };
      }
      return { id, kind: m.kind, title: m.title, body: m.body ?? '', url: m.kind === 'text' ? '' : m.url };
    });
    const now = new Date();
    const doc: StudyTopicDoc = {
      groupId: p.groupId,
      month: p.month,
      title: p.title,
      intro: p.intro,
      materials,
      minRecordChars: p.minRecordChars,
      updatedBy: ctx.caller.openid,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await col('studyTopics').doc(topicKey(p.groupId, p.month)).set(doc);
    await audit(ctx, {
      fn: 'study',
      action: 'setTopic',
      target: `studyTopics/${topicKey(p.groupId, p.month)}`,
      before: before ? { title: before.title, materials: before.materials.length } : null,
      after: { title: doc.title, materials: materials.length, minRecordChars: doc.minRecordChars },
    });
    return topicView({ _id: topicKey(p.groupId, p.month), ...doc });
  },
});
