/**
 * Demo data for the local service center, written through the same SDK the functions use.
 * Runs once: the park document is written last, so a seed interrupted half-way is redone
 * (every insert below tolerates an existing document) on the next start.
 */
import { col } from '../server/core/db';
import { newUser } from '../server/core/caller';
import type { CheckinDoc, EventDoc } from '../cloudfunctions/checkin/docs';
import type { UserDoc } from '../server/core/schema';
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';
import { DEMO_CALLERS } from './demo';
import { put, SECOND_CONTACT, seedAppointment } from './seed-appointment';
import { seedVolunteer } from './seed-volunteer';
import { ENTERPRISE_MATCHING, seedPolicyAndDemand } from './seed-policy';
import { seedStudy } from './seed-study';
import { ledgerFields, seedOrg } from './seed-org';
import { seedEpoch, shiftDay } from './seed-clock';
import { seedParty } from './seed-party';


// Creation times of the demo records: about a year before the seed runs (this module is loaded by
// the process that seeds, local/seed-clock.ts).
const at = seedEpoch();

export const PARK = {
  name: '星河湾产业园',
  centerName: '星河湾产业园党群服务中心',
  address: '江苏省苏州市星河大道 88 号 园区服务大楼一层',
  phone: '0512-6688 1921',
  services: [
    { key: 'party', title: '党务办理', description: '组织关系转接、党费缴纳咨询、入党申请指导' },
    { key: 'policy', title: '政策咨询', description: '惠企政策解读与申报辅导' },
    { key: 'training', title: '培训学习', description: '党课、技能培训与主题学习' },
    { key: 'activity', title: '活动开展', description: '志愿服务、主题党日、群团活动' },
    { key: 'proxy', title: '红色代办', description: '窗口帮办、上门代办、组团联办' },
  ],
};

export const ENTERPRISES: { id: string; name: string; industry: string; headcount: number; foundedAt: string; qualifications: string[] }[] = [
  { id: 'ent-a', name: '苏州星河智能装备有限公司', industry: '高端装备制造', headcount: 236, foundedAt: '2015-04-18', qualifications: ['高新技术企业', '专精特新'] },
  { id: 'ent-b', name: '星河湾生物医药科技有限公司', industry: '生物医药', headcount: 88, foundedAt: '2019-09-02', qualifications: ['科技型中小企业'] },
  { id: 'ent-c', name: '苏州云帆软件信息技术有限公司', industry: '软件和信息技术服务', headcount: 54, foundedAt: '2021-03-15', qualifications: ['科技型中小企业'] },
  { id: 'ent-d', name: '江苏恒润新材料股份有限公司', industry: '新材料', headcount: 412, foundedAt: '2011-07-08', qualifications: ['高新技术企业'] },
  { id: 'ent-e', name: '苏州禾田现代物流有限公司', industry: '现代物流', headcount: 130, foundedAt: '2017-11-20', qualifications: [] },
  { id: 'ent-f', name: '星河湾检测认证服务有限公司', industry: '检验检测', headcount: 27, foundedAt: '2023-02-06', qualifications: [] },
];

export const BRANCHES = [
  { id: 'branch-joint', name: '星河湾产业园联合党支部', form: '联合组建' as const, secretary: 'demo-secretary', enterpriseIds: ['ent-b', 'ent-c', 'ent-f'] },
  { id: 'branch-xinghe', name: '苏州星河智能装备有限公司党支部', form: '单独组建' as const, secretary: null, enterpriseIds: ['ent-a'] },
  { id: 'branch-hengrun', name: '江苏恒润新材料股份有限公司党支部', form: '单独组建' as const, secretary: null, enterpriseIds: ['ent-d'] },
];

export const TEAMS = [
  { id: 'team-legal', kind: 'legal' as const, name: '法律服务团', description: '合同审查、劳动用工、知识产权保护等法律咨询' },
  { id: 'team-accounting', kind: 'accounting' as const, name: '财务服务团', description: '财税筹划、研发费用加计扣除、审计辅导' },
  { id: 'team-technology', kind: 'technology' as const, name: '科技服务团', description: '高企认定、科技项目申报、技术成果转化' },
  { id: 'team-finance', kind: 'finance' as const, name: '金融服务团', description: '融资对接、贷款贴息、上市培育' },
  { id: 'team-talent', kind: 'talent' as const, name: '人才服务团', description: '人才政策、招聘对接、职称评审辅导' },
];

export const VENUES = [
  { id: 'venue-hall', name: '党群服务中心大厅', address: '服务大楼一层', description: '综合服务窗口、红色代办、政策咨询' },
  { id: 'venue-activity', name: '党员活动室', address: '服务大楼二层 201', description: '主题党日、组织生活会' },
  { id: 'venue-school', name: '“三新”讲习所', address: '服务大楼二层 205', description: '新思想、新知识、新技能讲习' },
  { id: 'venue-life', name: '党群组织生活馆', address: '服务大楼三层', description: '“一室多用”，可按小时预约' },
];

const DEMO_USERS: Record<string, Partial<UserDoc>> = {
  'demo-admin': { roles: ['admin'] },
  'demo-secretary': { roles: ['member', 'secretary'], branchId: 'branch-joint', memberStatus: 'approved' },
  'demo-member': { roles: ['member'], branchId: 'branch-joint', memberStatus: 'approved' },
  'demo-visitor': { roles: [] },
  'demo-enterprise-a': { roles: ['enterprise'], enterpriseId: 'ent-a' },
  'demo-enterprise-b': { roles: ['enterprise'], enterpriseId: 'ent-b' },
  'demo-expert-legal': { roles: ['expert'], expertTeamId: 'team-legal' },
  'demo-expert-finance': { roles: ['expert'], expertTeamId: 'team-finance' },
};

/**
 * Check-in demo data, relative to the day the seed runs so the 到访统计 page has a recent week to
 * show: a past Party lecture three days ago and an upcoming 主题党日, and venue visits on each of
 * the seven days before. Deterministic for a given `today`, so tests can recount it.
 */
export const DEMO_VISITORS = [
  'demo-visitor', 'demo-member', 'demo-secretary', 'demo-enterprise-a', 'demo-enterprise-b',
  'demo-staff-01', 'demo-staff-02', 'demo-staff-03', 'demo-staff-04', 'demo-staff-05', 'demo-staff-06', 'demo-staff-07',
];

const parkTime = (day: string, hm: string) => dayjs.tz(`${day} ${hm}`, PARK_TZ).toDate();

/** 第四季度 for a day of October–December. */
const quarterName = (day: string) => `第${'一二三四'[Math.floor((Number(day.slice(5, 7)) - 1) / 3)]}季度`;

export function demoEvents(today: string): (EventDoc & { _id: string })[] {
  const past = dayjs(today).subtract(3, 'day').format('YYYY-MM-DD');
  const next = dayjs(today).add(2, 'day').format('YYYY-MM-DD');
  return [
    { _id: 'demolect1', kind: 'lecture', refId: null, title: `${quarterName(past)}大党课：学习贯彻全会精神`, venueId: 'venue-school', place: '“三新”讲习所',
      startAt: parkTime(past, '14:30'), endAt: parkTime(past, '16:30'), rotateSeconds: 30, status: 'open', createdBy: 'demo-admin', createdAt: at },
    { _id: 'demoday1', kind: 'generic', refId: null, title: '“红色园区”主题党日活动', venueId: 'venue-activity', place: '党员活动室',
      startAt: parkTime(next, '09:30'), endAt: parkTime(next, '11:30'), rotateSeconds: 30, status: 'open', createdBy: 'demo-admin', createdAt: at },
  ];
}

export function demoCheckins(today: string): (CheckinDoc & { _id: string })[] {
  const out: (CheckinDoc & { _id: string })[] = [];
  for (let d = 1; d <= 7; d++) {
    const day = dayjs(today).subtract(d, 'day').format('YYYY-MM-DD');
    DEMO_VISITORS.forEach((openid, i) => {
      if ((i + d) % 3 === 0) return;
      const venue = VENUES[(i + d) % VENUES.length];
      const key = `v:${venue.id}:${openid}:${day}`;
      out.push({ _id: `seed-${key}`, key, openid, nonce: key, kind: 'venue', venueId: venue.id, eventId: null, day,
        at: parkTime(day, `${String(9 + (i % 8)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`) });
    });
  }
  const lecture = demoEvents(today)[0];
  const lectureDay = parkDay(lecture.startAt);
  DEMO_VISITORS.slice(0, 9).forEach((openid, i) => {
    const key = `e:${lecture._id}:${openid}`;
    out.push({ _id: `seed-${key}`, key, openid, nonce: key, kind: 'event', venueId: lecture.venueId, eventId: lecture._id, day: lectureDay,
      at: parkTime(lectureDay, `14:${String(10 + i * 2).padStart(2, '0')}`) });
  });
  return out;
}

export async function isSeeded(): Promise<boolean> {
  return (await col('park').doc('main').get()).data.length > 0;
}

export async function seed(): Promise<void> {
  const today = parkDay();
  for (const e of ENTERPRISES) {
    const contacts = DEMO_CALLERS.filter((c) => DEMO_USERS[c.openid]?.enterpriseId === e.id).map((c) => c.openid as string);
    if (e.id === SECOND_CONTACT.enterpriseId) contacts.push(SECOND_CONTACT.openid);
    await put('enterprises', e.id, { name: e.name, industry: e.industry, headcount: e.headcount, foundedAt: shiftDay(e.foundedAt, today), qualifications: e.qualifications, contactOpenids: contacts, createdAt: at,
      annualRevenueWan: ENTERPRISE_MATCHING[e.id].annualRevenueWan, settledAt: shiftDay(ENTERPRISE_MATCHING[e.id].settledAt, today), ...ledgerFields(e.id) });
  }
  for (const b of BRANCHES) {
    await put('branches', b.id, { name: b.name, form: b.form, secretaryOpenid: b.secretary, enterpriseIds: b.enterpriseIds, createdAt: at });
  }
  for (const [i, t] of TEAMS.entries()) {
    await put('teams', t.id, { name: t.name, kind: t.kind, description: t.description, order: i, createdAt: at });
  }
  for (const [i, v] of VENUES.entries()) {
    await put('venues', v.id, { name: v.name, address: v.address, description: v.description, order: i, createdAt: at });
  }
  for (const c of DEMO_CALLERS) {
    await put('users', c.openid, { ...newUser(c.openid, at), profile: { name: c.name }, privacyAcceptedAt: at, ...DEMO_USERS[c.openid] });
  }
  for (const { _id, ...e } of demoEvents(today)) await put('events', _id, e);
  for (const { _id, ...c } of demoCheckins(today)) await put('checkins', _id, c);
  // Someone waiting for the secretary, so approval can be tried at once.
  await put('users', 'demo-applicant', { ...newUser('demo-applicant', at), profile: { name: '黄志强' }, privacyAcceptedAt: at, branchId: 'branch-joint', memberStatus: 'pending' });
  // An invite a visitor can redeem to become the contact of 云帆软件.
  await put('invites', 'YUNFAN26', { enterpriseId: 'ent-c', maxUses: 5, uses: 0, expiresAt: new Date(Date.now() + 365 * 86400_000), createdBy: 'demo-admin', createdAt: at });
  await seedAppointment();
  await seedVolunteer();
  // 惠企政策, 惠企礼包 and demands in every state (local/seed-policy.ts).
  await seedPolicyAndDemand(put);
  await seedStudy();
  // 党员花名册 of the branches with a secretary, agreeing with the ledger's Party-member facts.
  // Before seedOrg: its finalised ratings read last quarter's members from the roster.
  await seedParty();
  await seedOrg();
  await put('park', 'main', PARK);
}
