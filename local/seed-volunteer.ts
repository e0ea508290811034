/**
 * Demo data of 志愿服务, relative to the first start so the demo works whenever it is started:
 * two teams, upcoming activities with places (one nearly full, one for Party members only, one
 * whose sign-up opens tomorrow), and two past ones with hours recorded — including a missing
 * sign-out for the organiser to settle and a no-show. Every activity's counters equal its rows.
 * Fixed ids; inserts tolerate existing rows.
 */
import { col } from '../server/core/db';
import { isDuplicateKey } from '../server/core/errors';
import { newUser } from '../server/core/caller';
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';
import type { ActivityDoc, RegistrationDoc } from '../cloudfunctions/volunteer/docs';
import type { Collections } from '../server/core/schema';
import { creditedMinutes } from '../cloudfunctions/volunteer/hours';
import { activeKey } from '../cloudfunctions/volunteer/attendance';

async function put<K extends keyof Collections>(name: K, id: string, doc: Collections[K]): Promise<void> {
  try {
    await col(name).add({ _id: id, ...doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

export const VOLUNTEER_TEAMS = [
  { id: 'vt-yuanzhifan', name: '园之帆志愿服务队', description: '园区党员和职工骨干组成，常年开展送党课、送培训、送服务进企业活动。' },
  { id: 'vt-xinghuo', name: '星火科技志愿服务队', description: '园区科技企业工程师组成，开展科普进社区、科技扶贫和技术帮扶。' },
];

/** Seeded volunteers besides the demo callers (names for rosters and rankings). */
export const SEED_VOLUNTEERS = [
  { openid: 'seed-vol-01', name: '刘思远' },
  { openid: 'seed-vol-02', name: '何雨桐' },
  { openid: 'seed-vol-03', name: '郑凯' },
  { openid: 'seed-vol-04', name: '冯晓燕' },
  { openid: 'seed-vol-05', name: '蒋涛' },
  { openid: 'seed-vol-06', name: '韩冰' },
  { openid: 'seed-vol-07', name: '杨帆' },
  { openid: 'seed-vol-08', name: '朱丽' },
  { openid: 'seed-vol-09', name: '秦川' },
];

type Att = { in?: string; out?: string; noShow?: boolean; settled?: 'confirmed' };
interface SeedActivity {
  id: string;
  eventId: string;
  teamId: string;
  title: string;
  category: string;
  tags: string[];
  description: string;
  place: string;
  day: number;
  start: string;
  end: string;
  capacity: number;
  eligibility: ActivityDoc['eligibility'];
  /** Sign-up opens this many days from today (negative: already open). */
  opensIn?: number;
  confirmed: string[];
  waitlisted?: string[];
  attendance?: Record<string, Att>;
}

const V = (n: number) => SEED_VOLUNTEERS[n - 1].openid;

export const VOLUNTEER_ACTIVITIES: SeedActivity[] = [
  { id: 'va-dangke', eventId: 'demovol1', teamId: 'vt-yuanzhifan', title: '送党课进企业：新质生产力与基层党建', category: '送党课', tags: ['党课', '进企业'],
    description: '园之帆志愿服务队走进星河智能装备，为企业党员和入党积极分子讲一堂微党课，并开展交流座谈。需要志愿者协助签到、会场布置和拍照记录。',
    place: '苏州星河智能装备有限公司 三楼报告厅', day: 3, start: '14:00', end: '16:30', capacity: 12, eligibility: 'all',
    confirmed: ['demo-member', V(1), V(2), V(3)] },
  { id: 'va-kepu', eventId: 'demovol2', teamId: 'vt-xinghuo', title: '科普进社区：防范电信网络诈骗', category: '科普', tags: ['科普', '社区'],
    description: '在星河湾社区广场设置科普展台，向居民讲解常见电信诈骗手法，发放宣传资料，帮助老人安装国家反诈中心 App。',
    place: '星河湾社区文化广场', day: 5, start: '09:00', end: '11:30', capacity: 8, eligibility: 'all',
    confirmed: [V(1), V(2), V(3), V(4), V(5), V(6), V(7)] },
  { id: 'va-fupin', eventId: 'demovol3', teamId: 'vt-xinghuo', title: '科技扶贫：结对村智慧农业技术帮扶', category: '科技扶贫', tags: ['科技扶贫', '乡村振兴'],
    description: '赴结对帮扶村，为合作社安装调试大棚环境监测设备，培训村民使用手机查看数据。全天活动，统一乘车前往。',
    place: '结对帮扶村 金穗合作社（园区统一乘车）', day: 10, start: '08:30', end: '16:30', capacity: 10, eligibility: 'members',
    confirmed: ['demo-secretary', V(8)] },
  { id: 'va-peixun', eventId: 'demovol4', teamId: 'vt-yuanzhifan', title: '送培训：新就业形态劳动者权益讲座', category: '送培训', tags: ['培训', '劳动权益'],
    description: '为园区快递、外卖等新就业形态劳动者讲解劳动合同、社保和工伤认定，现场答疑。报名明天开始。',
    place: '党群服务中心 “三新”讲习所', day: 14, start: '19:00', end: '20:30', capacity: 20, eligibility: 'all', opensIn: 1,
    confirmed: [] },
  { id: 'va-fuwu', eventId: 'demovol5', teamId: 'vt-yuanzhifan', title: '送服务：园区企业职工义诊与政策咨询', category: '送服务', tags: ['义诊', '政策咨询'],
    description: '联合社区卫生服务中心开展职工义诊，同时设置惠企政策咨询台。',
    place: '党群服务中心大厅', day: -6, start: '13:30', end: '17:00', capacity: 10, eligibility: 'all',
    confirmed: ['demo-visitor', 'demo-member', V(1), V(2), V(4), V(9)],
    attendance: {
      'demo-visitor': { in: '13:20', out: '17:05' },
      'demo-member': { in: '13:40', out: '16:10' },
      [V(1)]: { in: '13:25', out: '17:02' },
      [V(2)]: { in: '13:31' },
      [V(4)]: { noShow: true },
      [V(9)]: { in: '13:35', settled: 'confirmed' },
    } },
  { id: 'va-yejian', eventId: 'demovol6', teamId: 'vt-xinghuo', title: '科普夜市：跨夜天文观测志愿服务', category: '科普', tags: ['科普', '天文'],
    description: '在园区湖畔草坪组织亲子天文观测，志愿者负责望远镜调试与讲解，活动跨越午夜。',
    place: '星河湾湖畔草坪', day: -20, start: '21:00', end: '01:00', capacity: 6, eligibility: 'all',
    confirmed: ['demo-visitor', V(3), V(5), V(6)],
    attendance: {
      'demo-visitor': { in: '20:50', out: '00:40' },
      [V(3)]: { in: '21:00', out: '01:10' },
      [V(5)]: { in: '21:30', out: '23:45' },
      [V(6)]: { in: '21:05', out: '00:55' },
    } },
];

export async function seedVolunteer(now = new Date()): Promise<void> {
  const at = new Date(now.getTime() - 40 * 86400_000);
  const today = parkDay(now);
  const time = (day: number, hm: string) => dayjs.tz(`${dayjs(today).add(day, 'day').format('YYYY-MM-DD')} ${hm}`, PARK_TZ).toDate();
  for (const v of SEED_VOLUNTEERS) {
    await put('users', v.openid, { ...newUser(v.openid, at), profile: { name: v.name, organisation: '星河湾产业园' }, privacyAcceptedAt: at });
  }
  for (const [i, t] of VOLUNTEER_TEAMS.entries()) await put('volunteerTeams', t.id, { name: t.name, description: t.description, order: i, createdAt: at });
  const teamName = new Map(VOLUNTEER_TEAMS.map((t) => [t.id, t.name]));

  for (const s of VOLUNTEER_ACTIVITIES) {
    const startAt = time(s.day, s.start);
    let endAt = time(s.day, s.end);
    if (endAt <= startAt) endAt = new Date(endAt.getTime() + 86400_000); // across midnight
    const opens = time(s.opensIn ?? -7, '09:00');
    const waitlisted = s.waitlisted ?? [];
    const past = endAt.getTime() < now.getTime();
    const activity: ActivityDoc = {
      title: s.title, description: s.description, category: s.category, tags: s.tags, teamId: s.teamId, teamName: teamName.get(s.teamId)!,
      place: s.place, startAt, endAt, signupOpensAt: opens, signupClosesAt: startAt, cancelClosesAt: new Date(startAt.getTime() - 2 * 3600_000),
      eligibility: s.eligibility, status: 'open', eventId: s.eventId,
      capacity: s.capacity, confirmed: s.confirmed.length, left: s.capacity - s.confirmed.length, waiting: waitlisted.length,
      seq: s.confirmed.length + waitlisted.length, debt: 0, noShowsMarkedAt: past ? endAt : null,
      createdBy: 'demo-admin', createdAt: at, updatedAt: at,
    };
    await put('events', s.eventId, { kind: 'volunteer', refId: s.id, title: s.title, venueId: null, place: s.place, startAt, endAt, rotateSeconds: 30, status: 'open', createdBy: 'demo-admin', createdAt: at });
    const rows = [...s.confirmed.map((o) => [o, 'confirmed'] as const), ...waitlisted.map((o) => [o, 'waitlisted'] as const)];
    for (const [n, [openid, status]] of rows.entries()) {
      const a = s.attendance?.[openid];
      const clock = (hm: string) => {
        const d = time(s.day, hm);
        // Times before the start's hour on an overnight activity are after midnight.
        return d.getTime() < startAt.getTime() - 6 * 3600_000 ? new Date(d.getTime() + 86400_000) : d;
      };
      const signedInAt = a?.in ? clock(a.in) : null;
      const signedOutAt = a?.out ? clock(a.out) : a?.settled ? endAt : null;
      const reg: RegistrationDoc = {
        activityId: s.id, openid, activeKey: activeKey(s.id, openid), status, ticket: n + 1, teamId: s.teamId, title: s.title, startAt, endAt,
        signedInAt, signedOutAt,
        minutes: signedInAt && signedOutAt ? creditedMinutes(signedInAt, signedOutAt, { startAt, endAt }) : 0,
        hours: signedOutAt ? (a?.settled ?? 'auto') : signedInAt ? 'open' : 'none',
        noShow: !!a?.noShow, promotedAt: null, cancelledAt: null, createdAt: opens, updatedAt: opens,
      };
      await put('volunteerRegistrations', `seed-${s.id}-${openid}`, reg);
    }
    await put('volunteerActivities', s.id, activity);
  }
}
