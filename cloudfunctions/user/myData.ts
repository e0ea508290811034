import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { ROLE_LABEL } from '../../server/core/roles';
import { inPark, parkTime } from '../../server/core/time';
import { erasureRefusal } from './refusal';
import { developmentFilesOf, reviewsAndPostsOf, rosterRowsOf } from '../party/public';

/** '11月28日' — the day a recent item is about, in park time. */
const on = (d: Date) => inPark(d).format('M月D日');
import type { DemandState } from '../demand/public';

const RECENT = 3;

/** What 删除我的数据 does to each section (cloudfunctions/user/erase.ts is the authority). */
type Fate = 'delete' | 'anonymise';

interface Section {
  key: string;
  title: string;
  count: number;
  /** e.g. 志愿时长 */
  extra?: string;
  fate: Fate;
  /** `note` is ready to show: the day (or time) and the state. */
  recent: { title: string; at: Date | null; note: string }[];
}

const VOL_STATUS: Record<string, string> = { confirmed: '已报名', waitlisted: '候补', cancelled: '已取消' };
const BOOKING_STATE: Record<string, string> = { requested: '待确认', confirmed: '已确认', served: '已服务', rated: '已评价', cancelled: '已取消', no_show: '未到场', expert_absent: '专家未到场', unrecorded: '逾期未记录' };
const PAYOUT_STATE: Record<string, string> = { pending: '待审批', approved: '已审批', paid: '已发放', withdrawn: '已撤销' };
const ROOM_STATE: Record<string, string> = { booked: '已预约', checked_in: '已签到', cancelled: '已取消', released: '已释放' };
const DEMAND_STATE: Record<DemandState, string> = { submitted: '已提交', accepted: '已受理', in_progress: '办理中', waiting_enterprise: '待补充材料', resolved: '已办结', reopened: '不满意待重办', rated: '已评价', cancelled: '已撤回' };

/**
 * 我的数据: everything the park holds about the caller, as counts and the latest few items —
 * only rows selected by the caller's own openid. One round of parallel reads (a count and the
 * latest RECENT rows per collection, the hours summed by the database), then the names of the
 * recent check-ins' places: at most 30 calls (with the roster row, the 发展党员档案 and their branches' names), however long the person's history.
 */
export const myData = action({
  roles: 'anyone',
  params: z.strictObject({}),
  async handler(_params, { caller }) {
    const openid = caller.openid;
    const u = caller.user;
    const _ = cmd();
    const $ = _.aggregate;
    const latest = <K extends 'checkins' | 'volunteerRegistrations' | 'bookings' | 'roomBookings' | 'demands' | 'studyProgress' | 'quizAttempts' | 'outbox' | 'volunteerCertificates'>(
      name: K, where: Record<string, unknown>, by: string,
    ) => Promise.all([col(name).where(where).count(), col(name).where(where).orderBy(by, 'desc').limit(RECENT).get()]);

    // The roster row(s) and their branch names: read beside the round below.
    const rosterP = rosterRowsOf(openid);
    const filesP = developmentFilesOf(openid);
    const ledgersP = reviewsAndPostsOf(openid);
    const payoutsP = col('allowancePayouts').where({ openid }).orderBy('quarter', 'desc').limit(20).get();
    const [checkins, regs, hours, bookings, rooms, demands, progress, records, attempts, groups, messages, certificates, enterprise, branch, refusal] = await Promise.all([
      latest('checkins', { openid }, 'at'),
      latest('volunteerRegistrations', { openid, duplicate: _.neq(true) }, 'startAt'),
      col('volunteerRegistrations').aggregate().match({ openid, minutes: _.gt(0) }).group({ _id: null, minutes: $.sum('$minutes') }).limit(1).end() as Promise<{ data: { minutes: number }[] }>,
      latest('bookings', { bookedBy: openid }, 'startAt'),
      latest('roomBookings', { bookedBy: openid }, 'startAt'),
      latest('demands', { submittedBy: openid }, 'submittedAt'),
      latest('studyProgress', { openid }, 'updatedAt'),
      col('studyRecords').where({ openid }).count(),
      latest('quizAttempts', { openid }, 'startedAt'),
      col('studyMembers').where({ openid }).count(),
      latest('outbox', { toOpenid: openid, channel: 'inbox' }, 'createdAt'),
      latest('volunteerCertificates', { openid }, 'issuedAt'),
      u.enterpriseId ? col('enterprises').doc(u.enterpriseId).get() : null,
      u.branchId ? col('branches').doc(u.branchId).get() : null,
      erasureRefusal(caller),
    ]);
    const [roster, files, ledgers, payouts] = await Promise.all([rosterP, filesP, ledgersP, payoutsP]);
    const minutes = hours.data[0]?.minutes ?? 0;
    // Names of the recent check-ins' places: a second round of at most two reads.
    const venueIds = [...new Set(checkins[1].data.map((c) => c.venueId).filter((v): v is string => !!v))];
    const eventIds = [...new Set(checkins[1].data.map((c) => c.eventId).filter((v): v is string => !!v))];
    const [venues, events] = await Promise.all([
      venueIds.length ? col('venues').where({ _id: _.in(venueIds) }).field({ name: true }).get() : { data: [] },
      eventIds.length ? col('events').where({ _id: _.in(eventIds) }).field({ title: true }).get() : { data: [] },
    ]);
    const placeName = new Map<string, string>([
      ...venues.data.map((v) => [v._id, v.name] as [string, string]),
      ...events.data.map((e) => [e._id, e.title] as [string, string]),
    ]);

    const sections: Section[] = [
      {
        key: 'checkins', title: '签到记录', count: checkins[0].total, fate: 'anonymise',
        recent: checkins[1].data.map((c) => ({
          title: placeName.get((c.kind === 'event' ? c.eventId : c.venueId) ?? '') ?? (c.kind === 'event' ? '活动签到' : '场所到访'),
          at: c.at,
          note: parkTime(c.at),
        })),
      },
      {
        key: 'volunteer', title: '志愿服务报名', count: regs[0].total, fate: 'anonymise',
        extra: minutes ? `累计志愿时长 ${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟` : undefined,
        recent: regs[1].data.map((r) => ({ title: r.title, at: r.startAt, note: `${on(r.startAt)} ${VOL_STATUS[r.status] ?? r.status}` })),
      },
      {
        key: 'bookings', title: '专家服务预约', count: bookings[0].total, fate: 'anonymise',
        recent: bookings[1].data.map((b) => ({ title: `${b.teamName} · ${b.expertName}`, at: b.startAt, note: `${on(b.startAt)} ${BOOKING_STATE[b.state] ?? b.state}` })),
      },
      {
        key: 'rooms', title: '场馆预约', count: rooms[0].total, fate: 'anonymise',
        recent: rooms[1].data.map((b) => ({ title: b.venueName, at: b.startAt, note: `${on(b.startAt)} ${ROOM_STATE[b.state] ?? b.state}` })),
      },
      {
        key: 'demands', title: '诉求与代办', count: demands[0].total, fate: 'anonymise',
        recent: demands[1].data.map((d) => ({ title: d.title, at: d.submittedAt, note: `${on(d.submittedAt)} ${DEMAND_STATE[d.state]}` })),
      },
      {
        key: 'study', title: '学习进度', count: progress[0].total, fate: 'anonymise',
        extra: `自学记录 ${records.total} 篇（删除时一并删除），加入学习小组 ${groups.total} 个`,
        recent: progress[1].data.map((p) => ({ title: `${p.month} 月度专题`, at: p.updatedAt, note: `已学 ${p.readIds.length} 篇${p.recordAt ? '，已写自学记录' : ''}` })),
      },
      {
        key: 'quiz', title: '知识竞赛答题', count: attempts[0].total, fate: 'anonymise',
        recent: attempts[1].data.map((a) => ({ title: `第 ${a.attemptNo} 次答题`, at: a.startedAt, note: `${on(a.startedAt)} ${a.score === null ? '未交卷' : `${a.score} 分`}` })),
      },
      {
        key: 'certificates', title: '志愿时长证明', count: certificates[0].total, fate: 'delete',
        recent: certificates[1].data.map((c) => ({ title: `${c.periodFrom} 至 ${c.periodTo}`, at: c.issuedAt, note: `${on(c.issuedAt)} 生成` })),
      },
      {
        key: 'messages', title: '消息中心', count: messages[0].total, fate: 'delete',
        recent: messages[1].data.map((m) => ({ title: m.data?.title ?? m.template, at: m.sentAt ?? m.createdAt, note: `${on(m.sentAt ?? m.createdAt)} ${m.readAt ? '已读' : '未读'}` })),
      },
      {
        key: 'party', title: '党员花名册', count: roster.length, fate: 'anonymise',
        extra: roster.length ? '删除后支部花名册保留这条记录，但不再关联您的微信，姓名和电话将被清除' : undefined,
        recent: roster.map((m) => ({ title: m.branchName || '已转出园区', at: m.updatedAt, note: `${m.standing}党员 · 组织关系${m.relation}` })),
      },
      {
        key: 'development', title: '发展党员档案', count: files.length, fate: 'anonymise',
        extra: files.length ? '删除后支部保留这份档案的各步骤记录，但不再关联您的微信，姓名将被清除' : undefined,
        recent: files.map((d) => ({ title: d.stage, at: d.updatedAt, note: `${d.branchName} · ${d.state === 'active' ? `${d.stageOn} 起` : '已终止'}` })),
      },
      {
        key: 'partyReview', title: '民主评议与先锋岗', count: ledgers.reviews.length + ledgers.posts.length, fate: 'anonymise',
        extra: ledgers.reviews.length + ledgers.posts.length ? '删除后支部保留评议和岗位记录，但不再关联您的微信' : undefined,
        recent: [
          ...ledgers.reviews.map((r) => ({ title: `${r.year} 年度民主评议`, at: r.updatedAt, note: r.result ? `评议结果 ${r.result}${r.closedAt ? '' : '（评议中）'}` : '评议中' })),
          ...ledgers.posts.map((p) => ({ title: `${p.year} 年度${p.kind}`, at: p.updatedAt, note: p.title })),
        ].slice(0, RECENT),
      },
      {
        key: 'payouts', title: '红星津贴', count: payouts.data.length, fate: 'anonymise',
        extra: payouts.data.length ? '删除后发放台账保留这些记录，但不再关联您的微信' : undefined,
        recent: payouts.data.slice(0, RECENT).map((p) => ({ title: `${p.quarter} ${p.branchName}`, at: p.paidAt ?? p.approvedAt ?? null, note: `${p.amount} 元 · ${PAYOUT_STATE[p.state] ?? p.state}` })),
      },
    ];
    const e = enterprise?.data[0];
    const b = branch?.data[0];
    return {
      profile: { name: u.profile?.name ?? '', phone: u.profile?.phone ?? '', organisation: u.profile?.organisation ?? '' },
      roles: caller.roles.filter((r) => r !== 'visitor').map((r) => ROLE_LABEL[r]),
      enterprise: e ? e.name : null,
      branch: b ? b.name : null,
      memberStatus: u.memberStatus,
      privacyAcceptedAt: u.privacyAcceptedAt,
      createdAt: u.createdAt,
      sections,
      /** Park positions must be relieved by the centre before a deletion (cloudfunctions/user/refusal.ts). */
      canDelete: refusal === null,
      /** Why not, ready to show (null when the deletion is allowed). */
      deleteRefusal: refusal,
    };
  },
});
