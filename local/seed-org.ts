/**
 * Demo data of the org capability: the 五清 ledger of 42 enterprises (the six base ones keep their
 * ids and values, with ledger fields added), Party organisations of every form, instructors,
 * organisation-life records of this and last quarter, the rubric with last quarter's ratings
 * finalised, and the center's bookable rooms with a few bookings. Fixed ids, relative dates;
 * inserts tolerate existing rows.
 *
 * The table is written so the coverage figures can be counted by hand (cloudfunctions/org/org.int.test.ts):
 * 42 enterprises in 12 industries (policy's closed list, cloudfunctions/policy/terms.ts); 33 with an organisation (single 12, joint 16, attached 3, dispatched 2);
 * 10 with an instructor, 5 of them without an organisation → work coverage 38; 9 flagged by the form rule.
 */
import { col } from '../server/core/db';
import { put } from './seed-appointment';
import { newUser } from '../server/core/caller';
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';
import type { CheckinDoc } from '../cloudfunctions/checkin/docs';
import type { EnterpriseDoc, OrgLifeDoc, OrgLifeKind, PayoutDoc, RatingDoc } from '../cloudfunctions/org/docs';
import type { RoomBookingDoc } from '../cloudfunctions/room/docs';
import { DEFAULT_RUBRIC, previousQuarter, quarterOf, quarterRange } from '../cloudfunctions/org/scoring';
import { CHECKIN_GRACE_MS, roomCells } from '../cloudfunctions/room/grid';
import { branchScopes, quarterSheets, ratingId } from '../cloudfunctions/org/ratingData';
import { seedEpoch, shiftDay } from './seed-clock';


// Creation times of the demo records: about a year before the seed runs (this module is loaded by
// the process that seeds, local/seed-clock.ts).
const at = seedEpoch();

type Row = [
  id: string, name: string, industry: string, building: string, headcount: number, foundedAt: string, quals: string[],
  /** 上年度营业收入（万元）; null for the six base enterprises, whose figure comes with policy's seed (ENTERPRISE_MATCHING). */
  revenueWan: number | null,
  activists: number, applicants: number, full: number, probationary: number, registered: number,
  legal: string, legalParty: boolean, investor: string, investorParty: boolean,
];

const HT = '高新技术企业';
const ZJ = '专精特新';
const KX = '科技型中小企业';

/**
 * The 五清 facts: the six base enterprises (ent-a … ent-f, names and headcounts as in seed.ts) first.
 * The Party-member counts of the enterprises of the seeded rosters (local/seed-party.ts) are the
 * roster's: ent-b, ent-c and ent-f hold the joint branch's nine members (seven bound, two not on WeChat).
 */
export const LEDGER: Row[] = [
  ['ent-a', '苏州星河智能装备有限公司', '高端装备制造', 'A1 栋', 236, '2015-04-18', [HT, ZJ], null, 6, 4, 14, 2, 12, '王振华', true, '王振华', true],
  ['ent-b', '星河湾生物医药科技有限公司', '生物医药', 'B1 栋', 88, '2019-09-02', [KX], null, 2, 1, 2, 2, 3, '林嘉怡', false, '苏州星河生物投资合伙企业', false],
  ['ent-c', '苏州云帆软件信息技术有限公司', '软件和信息技术服务', 'D 栋', 54, '2021-03-15', [KX], null, 1, 2, 2, 1, 3, '周云帆', true, '周云帆', true],
  ['ent-d', '江苏恒润新材料股份有限公司', '新材料', 'C1 栋', 412, '2011-07-08', [HT], null, 9, 6, 23, 3, 20, '钱国栋', true, '江苏恒润控股集团有限公司', false],
  ['ent-e', '苏州禾田现代物流有限公司', '现代物流', 'C2 栋', 130, '2017-11-20', [], null, 3, 2, 4, 1, 3, '许禾田', false, '许禾田', false],
  ['ent-f', '星河湾检测认证服务有限公司', '检验检测', 'B2 栋', 27, '2023-02-06', [], null, 0, 1, 1, 1, 1, '何晓东', false, '何晓东', false],
  ['ent-n01', '苏州芯源微电子有限公司', '集成电路', 'D 栋', 318, '2016-05-10', [HT, ZJ], 22470, 5, 3, 11, 1, 9, '陈立新', true, '陈立新', true],
  ['ent-n02', '苏州晶拓半导体科技有限公司', '集成电路', 'D 栋', 96, '2020-08-21', [HT, KX], 6384, 1, 1, 2, 0, 1, '杜晶', false, '苏州晶拓投资有限公司', false],
  ['ent-n03', '苏州光谷新能源科技有限公司', '新能源', 'C1 栋', 205, '2014-03-12', [HT], 25410, 4, 2, 7, 1, 6, '孟光', true, '孟光', true],
  ['ent-n04', '星河湾储能系统有限公司', '新能源', 'C1 栋', 64, '2022-06-30', [KX], 1536, 1, 0, 1, 1, 1, '黄海', false, '黄海', false],
  ['ent-n05', '苏州智行人工智能研究院有限公司', '人工智能', 'D 栋', 142, '2018-10-09', [HT, '瞪羚企业'], 5600, 4, 3, 6, 2, 5, '沈智', true, '沈智', true],
  ['ent-n06', '苏州视觉云科技有限公司', '人工智能', 'D 栋', 38, '2022-01-17', [KX], 1284, 0, 1, 1, 0, 0, '谢云', false, '谢云', false],
  ['ent-n07', '苏州数联信息技术有限公司', '软件和信息技术服务', 'D 栋', 73, '2019-04-02', [KX, HT], 6384, 2, 1, 3, 0, 3, '罗建', true, '罗建', true],
  ['ent-n08', '星河湾云计算服务有限公司', '软件和信息技术服务', 'B2 栋', 45, '2020-12-11', [KX], 1452, 1, 0, 0, 1, 1, '邱明', false, '邱明', false],
  ['ent-n09', '苏州博瑞医疗器械有限公司', '生物医药', 'B1 栋', 167, '2013-09-25', [HT, ZJ], 26880, 3, 2, 8, 0, 7, '魏博', true, '魏博', true],
  ['ent-n10', '苏州康源生物制药有限公司', '生物医药', 'B1 栋', 259, '2012-06-18', [HT], 21000, 6, 4, 12, 2, 10, '蔡康', true, '苏州康源控股有限公司', false],
  ['ent-n11', '星河湾基因检测技术有限公司', '生物医药', 'B1 栋', 51, '2021-07-07', [KX], 1284, 1, 1, 1, 0, 1, '潘静', false, '潘静', false],
  ['ent-n12', '苏州安诺细胞科技有限公司', '生物医药', 'B2 栋', 29, '2023-05-22', [], 365, 0, 0, 0, 0, 0, '贺安', false, '贺安', false],
  ['ent-n13', '苏州精工数控机床有限公司', '高端装备制造', 'A1 栋', 188, '2010-11-03', [HT], 25410, 4, 2, 9, 1, 8, '冯精', true, '冯精', true],
  ['ent-n14', '苏州力拓机器人有限公司', '高端装备制造', 'A2 栋', 121, '2016-02-29', [HT, ZJ], 7168, 3, 2, 5, 0, 4, '段力', false, '段力', false],
  ['ent-n15', '星河湾精密模具有限公司', '高端装备制造', 'A2 栋', 76, '2018-08-16', [], 5600, 1, 1, 2, 1, 2, '雷明', false, '雷明', false],
  ['ent-n16', '苏州恒泰液压科技有限公司', '高端装备制造', 'A2 栋', 58, '2015-12-01', [KX], 1284, 1, 0, 1, 0, 1, '方泰', true, '方泰', true],
  ['ent-n17', '苏州华纳新材料科技有限公司', '新材料', 'C1 栋', 143, '2017-05-05', [HT], 6384, 2, 2, 3, 1, 3, '韩纳', true, '韩纳', true],
  ['ent-n18', '苏州碳谷复合材料有限公司', '新材料', 'C2 栋', 62, '2020-03-18', [KX], 1452, 1, 0, 2, 0, 1, '江谷', false, '江谷', false],
  ['ent-n19', '苏州顺达供应链管理有限公司', '现代物流', 'C2 栋', 94, '2016-07-21', [], 7168, 1, 1, 1, 1, 1, '钟顺', false, '钟顺', false],
  ['ent-n20', '星河湾冷链物流有限公司', '现代物流', 'C2 栋', 47, '2021-09-09', [], 1200, 0, 0, 0, 0, 0, '严冷', false, '严冷', false],
  ['ent-n21', '苏州云创电子商务有限公司', '商务服务', '创业孵化器', 36, '2022-04-12', [], 1284, 1, 2, 1, 0, 1, '柳云', false, '柳云', false],
  ['ent-n22', '苏州优选网络科技有限公司', '商务服务', '创业孵化器', 24, '2023-03-03', [], 365, 0, 1, 0, 1, 0, '唐选', false, '唐选', false],
  ['ent-n23', '星河湾跨境电商服务有限公司', '商务服务', '创业孵化器', 41, '2021-11-26', [], 1452, 1, 0, 2, 0, 2, '吕境', true, '吕境', true],
  ['ent-n24', '苏州文曦文化传媒有限公司', '文化创意', '创业孵化器', 18, '2022-08-08', [], 410, 0, 0, 0, 0, 0, '施文', false, '施文', false],
  ['ent-n25', '苏州匠心工业设计有限公司', '文化创意', '创业孵化器', 22, '2021-05-20', [KX], 320, 1, 0, 0, 0, 0, '龚匠', false, '龚匠', false],
  ['ent-n26', '苏州星河人力资源服务有限公司', '商务服务', 'A1 栋', 67, '2014-10-15', [], 5992, 2, 1, 4, 0, 4, '孔星', true, '孔星', true],
  ['ent-n27', '苏州正信会计师事务所有限公司', '商务服务', 'A1 栋', 35, '2012-04-04', [], 1368, 1, 1, 2, 0, 2, '田正', true, '田正', true],
  ['ent-n28', '苏州明德知识产权代理有限公司', '商务服务', 'A1 栋', 19, '2019-01-21', [], 387, 0, 0, 0, 1, 0, '贾明', false, '贾明', false],
  ['ent-n29', '苏州绿源环保科技有限公司', '其他', 'C2 栋', 84, '2015-06-06', [HT], 7168, 2, 1, 3, 0, 2, '邹绿', true, '邹绿', true],
  ['ent-n30', '星河湾环境检测有限公司', '检验检测', 'B2 栋', 43, '2018-12-12', [], 1200, 1, 0, 1, 0, 1, '石检', false, '石检', false],
  ['ent-n31', '苏州汇能节能服务有限公司', '其他', 'C1 栋', 31, '2020-10-10', [KX], 1284, 0, 0, 0, 0, 0, '范汇', false, '范汇', false],
  ['ent-n32', '苏州微纳医疗科技有限公司', '生物医药', 'B2 栋', 57, '2019-07-30', [HT, KX], 6384, 1, 1, 2, 0, 2, '武微', false, '武微', false],
  ['ent-n33', '苏州康护智能设备有限公司', '生物医药', 'B1 栋', 26, '2022-02-14', [], 387, 0, 0, 0, 0, 0, '廖护', false, '廖护', false],
  ['ent-n34', '苏州智联物联网科技有限公司', '人工智能', 'D 栋', 49, '2021-01-08', [KX], 1536, 1, 1, 1, 0, 1, '邓联', false, '邓联', false],
  ['ent-n35', '星河湾新能源汽车零部件有限公司', '新能源', 'C1 栋', 276, '2017-09-19', [HT], 21000, 5, 4, 10, 3, 8, '曾能', true, '曾能', true],
  ['ent-n36', '苏州易达检测仪器有限公司', '检验检测', 'B2 栋', 33, '2020-05-25', [], 1284, 0, 1, 1, 0, 1, '彭易', false, '彭易', false],
];

export const INSTRUCTORS = [
  { openid: 'seed-instructor-01', name: '刘志刚', phone: '13862001101', enterprises: ['ent-f', 'ent-n24', 'ent-n25'] },
  { openid: 'seed-instructor-02', name: '陈雪梅', phone: '13862001102', enterprises: ['ent-e', 'ent-n18', 'ent-n20'] },
  { openid: 'seed-instructor-03', name: '吴海涛', phone: '13862001103', enterprises: ['ent-n12', 'ent-n31'] },
  { openid: 'seed-instructor-04', name: '郑丽娟', phone: '13862001104', enterprises: ['ent-n34', 'ent-n07'] },
];

/** Organisations beyond the three base ones (seed.ts: branch-joint, branch-xinghe, branch-hengrun). */
export const ORG_BRANCHES: { id: string; name: string; form: '单独组建' | '联合组建' | '挂靠组建' | '派驻'; enterpriseIds: string[]; attachedTo?: string; secretary?: { openid: string; name: string } }[] = [
  { id: 'br-xinyuan', name: '苏州芯源微电子有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n01'], secretary: { openid: 'seed-secretary-xinyuan', name: '陈立新' } },
  { id: 'br-guanggu', name: '苏州光谷新能源科技有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n03'] },
  { id: 'br-zhixing', name: '苏州智行人工智能研究院有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n05'], secretary: { openid: 'seed-secretary-zhixing', name: '沈晓岚' } },
  { id: 'br-borui', name: '苏州博瑞医疗器械有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n09'] },
  { id: 'br-kangyuan', name: '苏州康源生物制药有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n10'], secretary: { openid: 'seed-secretary-kangyuan', name: '蔡文华' } },
  { id: 'br-jinggong', name: '苏州精工数控机床有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n13'] },
  { id: 'br-lituo', name: '苏州力拓机器人有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n14'] },
  { id: 'br-hr', name: '苏州星河人力资源服务有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n26'] },
  { id: 'br-lvyuan', name: '苏州绿源环保科技有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n29'] },
  { id: 'br-auto', name: '星河湾新能源汽车零部件有限公司党支部', form: '单独组建', enterpriseIds: ['ent-n35'] },
  { id: 'br-joint-d', name: '星河湾 D 栋楼宇联合党支部', form: '联合组建', enterpriseIds: ['ent-n02', 'ent-n06', 'ent-n07'], secretary: { openid: 'seed-secretary-joint-d', name: '罗建' } },
  { id: 'br-joint-b', name: '星河湾 B 区楼宇联合党支部', form: '联合组建', enterpriseIds: ['ent-n11', 'ent-n12', 'ent-n30', 'ent-n32'] },
  { id: 'br-joint-a', name: '星河湾 A 区楼宇联合党支部', form: '联合组建', enterpriseIds: ['ent-n15', 'ent-n16', 'ent-n27'] },
  { id: 'br-joint-incub', name: '星河湾创业孵化器联合党支部', form: '联合组建', enterpriseIds: ['ent-n21', 'ent-n22', 'ent-n23'] },
  { id: 'br-chuneng', name: '星河湾储能系统有限公司党小组', form: '挂靠组建', enterpriseIds: ['ent-n04'], attachedTo: '苏州光谷新能源科技有限公司党支部' },
  { id: 'br-shunda', name: '苏州顺达供应链管理有限公司党员挂靠组', form: '挂靠组建', enterpriseIds: ['ent-n19'], attachedTo: '星河湾产业园综合党委' },
  { id: 'br-yida', name: '苏州易达检测仪器有限公司党员挂靠组', form: '挂靠组建', enterpriseIds: ['ent-n36'], attachedTo: '星河湾产业园综合党委' },
  { id: 'br-paizhu', name: '星河湾产业园派驻第一党支部', form: '派驻', enterpriseIds: ['ent-n24', 'ent-n25'] },
];

/** Members of 星河湾产业园联合党支部 besides demo-secretary and demo-member. */
const JOINT_MEMBERS = [
  { openid: 'seed-member-01', name: '刘芳' },
  { openid: 'seed-member-02', name: '高建' },
];

/** The ledger fields of one enterprise (the base seed adds them to its own documents). */
export function ledgerFields(id: string): Partial<EnterpriseDoc> {
  const r = LEDGER.find((x) => x[0] === id);
  if (!r) return {};
  const instructor = INSTRUCTORS.find((i) => i.enterprises.includes(id));
  return {
    building: r[3], ...(r[7] === null ? {} : { annualRevenueWan: r[7] }),
    workforce: { activists: r[8], applicants: r[9] },
    partyMembers: { full: r[10], probationary: r[11], registeredInPark: r[12] },
    legalPerson: { name: r[13], isPartyMember: r[14] },
    investor: { name: r[15], isPartyMember: r[16] },
    instructor: instructor ? { openid: instructor.openid, name: instructor.name } : null,
    ledgerUpdatedAt: at, ledgerUpdatedBy: 'demo-admin',
  };
}

/** Rooms: existing venues made bookable (and one more room). */
export const ROOMS = [
  { id: 'venue-activity', capacity: 40, equipment: ['投影仪', '音响话筒', '党旗', '会议桌椅'], opensAt: '08:30', closesAt: '21:00' },
  { id: 'venue-school', capacity: 80, equipment: ['LED 大屏', '音响话筒', '录播设备'], opensAt: '08:30', closesAt: '21:00' },
  { id: 'venue-life', capacity: 30, equipment: ['电视屏幕', '书架阅读区', '茶歇区', '可移动桌椅'], opensAt: '08:30', closesAt: '21:00' },
  { id: 'venue-meet', capacity: 12, equipment: ['电视屏幕', '白板', '视频会议'], opensAt: '08:30', closesAt: '18:00' },
];

const parkTime = (day: string, hm: string) => dayjs.tz(`${day} ${hm}`, PARK_TZ).toDate();

/** Short tags keep seeded record ids (`ol-s<yyq><tag><nn>`) and their event ids within their formats. */
const BRANCH_TAG: Record<string, string> = { 'branch-joint': 'jt', 'br-xinyuan': 'xy', 'br-joint-d': 'jd', 'br-zhixing': 'zx' };

interface SeedMeeting {
  id: string;
  eventId: string;
  branchId: string;
  kind: OrgLifeKind;
  topic: string;
  day: string;
  venueId: string;
  place: string;
  attendees: string[];
  guests: string[];
}

/** Meetings of a quarter for a branch: the first `n` of a year's programme, spread over the quarter's days. */
function meetings(quarter: string, branchId: string, plan: [OrgLifeKind, string][], attendees: string[], guests: string[], until: string): SeedMeeting[] {
  const r = quarterRange(quarter);
  const span = dayjs(r.toDay).diff(dayjs(r.fromDay), 'day');
  return plan
    .map(([kind, topic], i) => {
      const day = dayjs(r.fromDay).add(Math.floor(((i + 0.5) * span) / plan.length), 'day').format('YYYY-MM-DD');
      const tag = `${quarter.slice(2, 4)}${quarter.slice(5)}${BRANCH_TAG[branchId]}${String(i).padStart(2, '0')}`;
      return { id: `ol-s${tag}`, eventId: `m${tag}`, branchId, kind, topic, day, venueId: kind === '党课' ? 'venue-school' : 'venue-activity', place: kind === '党课' ? '“三新”讲习所' : '党员活动室', attendees: i % 3 === 2 ? attendees.slice(0, -1) : attendees, guests: kind === '主题党日' ? guests : [] };
    })
    .filter((m) => m.day < until);
}

const FULL_PLAN: [OrgLifeKind, string][] = [
  ['支委会', '研究本季度支部工作安排'],
  ['主题党日', '重温入党誓词，参观红色教育基地'],
  ['党小组会', '交流学习心得，开展批评与自我批评'],
  ['支委会', '讨论发展党员和入党积极分子培养'],
  ['党课', '书记讲党课：践行“两个维护”'],
  ['主题党日', '“党员进楼宇”志愿服务'],
  ['党小组会', '学习党章党规，对照检查'],
  ['支部党员大会', '通报支部工作，民主评议党员'],
  ['主题党日', '走访慰问困难职工'],
  ['支委会', '总结本季度工作，谋划下季度重点'],
  ['党小组会', '围绕企业发展开展“金点子”征集'],
];

export async function seedOrg(now = new Date()): Promise<void> {
  // Instructors and extra Party people.
  for (const i of INSTRUCTORS) {
    await put('users', i.openid, { ...newUser(i.openid, at), roles: ['instructor'], profile: { name: i.name, phone: i.phone }, privacyAcceptedAt: at });
  }
  for (const m of JOINT_MEMBERS) {
    await put('users', m.openid, { ...newUser(m.openid, at), roles: ['member'], profile: { name: m.name }, privacyAcceptedAt: at, branchId: 'branch-joint', memberStatus: 'approved' });
  }
  // Enterprises beyond the base six (those get their ledger fields in seed.ts).
  for (const r of LEDGER.slice(6)) {
    await put('enterprises', r[0], { name: r[1], industry: r[2], headcount: r[4], foundedAt: shiftDay(r[5], parkDay(now)), qualifications: r[6], contactOpenids: [], createdAt: at, ...ledgerFields(r[0]) });
  }
  for (const b of ORG_BRANCHES) {
    if (b.secretary) {
      await put('users', b.secretary.openid, { ...newUser(b.secretary.openid, at), roles: ['member', 'secretary'], profile: { name: b.secretary.name }, privacyAcceptedAt: at, branchId: b.id, memberStatus: 'approved' });
    }
    await put('branches', b.id, { name: b.name, form: b.form, secretaryOpenid: b.secretary?.openid ?? null, enterpriseIds: b.enterpriseIds, attachedTo: b.attachedTo ?? '', createdAt: at });
  }

  // Rooms.
  for (const r of ROOMS) {
    if (r.id === 'venue-meet') {
      await put('venues', r.id, { name: '党群议事室', address: '服务大楼三层 302', description: '小型会议、谈心谈话、议事协商', order: 4, createdAt: at });
    }
    await col('venues').doc(r.id).update({ bookable: true, capacity: r.capacity, equipment: r.equipment, opensAt: r.opensAt, closesAt: r.closesAt });
  }

  // Organisation life: last quarter in full for the joint branch and two others, this quarter so far.
  const today = parkDay(now);
  const thisQ = quarterOf(now);
  const lastQ = previousQuarter(thisQ);
  const jointPeople = ['demo-secretary', 'demo-member', ...JOINT_MEMBERS.map((m) => m.openid)];
  const plan: SeedMeeting[] = [
    ...meetings(lastQ, 'branch-joint', FULL_PLAN, jointPeople, ['星河湾检测认证 何晓东'], today),
    ...meetings(lastQ, 'br-xinyuan', FULL_PLAN.slice(0, 9), ['seed-secretary-xinyuan'], ['芯源微电子 入党积极分子 赵磊'], today),
    ...meetings(lastQ, 'br-joint-d', FULL_PLAN.slice(0, 5), ['seed-secretary-joint-d'], [], today),
    ...meetings(thisQ, 'branch-joint', FULL_PLAN.slice(0, 6), jointPeople, ['星河湾检测认证 何晓东'], today),
    ...meetings(thisQ, 'br-zhixing', FULL_PLAN.slice(0, 4), ['seed-secretary-zhixing'], [], today),
  ];
  for (const m of plan) {
    const eventId = m.eventId;
    const startAt = parkTime(m.day, m.kind === '党课' ? '14:30' : '09:30');
    const endAt = parkTime(m.day, m.kind === '党课' ? '16:30' : '11:00');
    await put('events', eventId, { kind: 'meeting', refId: m.id, title: `${m.kind}：${m.topic}`, venueId: m.venueId, place: m.place, startAt, endAt, rotateSeconds: 30, status: 'open', createdBy: 'demo-secretary', createdAt: startAt });
    const doc: OrgLifeDoc = { branchId: m.branchId, kind: m.kind, topic: m.topic, startAt, endAt, venueId: m.venueId, place: m.place, summary: `${m.topic}。会议按议程进行，与会党员积极发言。`, eventId, guestNames: m.guests, recordedBy: 'demo-secretary', createdAt: endAt, updatedAt: endAt, state: 'counted', pendingReason: null, confirmedBy: null, confirmedAt: null };
    await put('orgLife', m.id, doc);
    for (const [i, openid] of m.attendees.entries()) {
      const key = `e:${eventId}:${openid}`;
      // Half scanned the code, half were added by the secretary afterwards.
      const c: CheckinDoc = { key, openid, nonce: key, kind: 'event', venueId: m.venueId, eventId, day: m.day, at: new Date(startAt.getTime() - (5 - i) * 60_000), ...(i % 2 ? { recordedBy: 'demo-secretary' } : {}) };
      await put('checkins', `seed-${key}`, c);
    }
  }

  // The rubric in force, and last quarter's ratings: the assessor's score for the one hand-scored
  // item (特色亮点), then the same finalisation the app does (evidence read once, stored).
  await put('rubrics', 'current', { ...DEFAULT_RUBRIC, version: 1, updatedBy: 'demo-admin', updatedAt: at });
  const rated: [string, Record<string, [number, string]>][] = [
    // Only the hand-scored item: study, volunteer and demands are evidence (G-01), read from the records.
    ['branch-joint', { feature: [9, '联合支部“楼宇党建”做法被区委组织部推广'] }],
    ['br-xinyuan', { feature: [8, '“党员先锋岗”带动技术攻关'] }],
    ['br-joint-d', { feature: [6, '楼宇联建工作起步'] }],
  ];
  const lastRange = quarterRange(lastQ);
  await seedLastQuarterStudy(lastQ, [...new Set([...jointPeople, 'demo-pm-01', 'demo-pm-02', 'demo-pm-03'])]);
  if (lastRange.to.getTime() <= now.getTime()) {
    const { version, ...rubric } = { ...DEFAULT_RUBRIC, version: 1, updatedBy: 'demo-admin', updatedAt: at };
    const scopes = await branchScopes(rated.map(([id]) => id));
    const finals: RatingDoc[] = [];
    const sheets = await quarterSheets(lastQ, scopes, { ...rubric, version });
    for (const s of sheets) {
      const scores = rated.find(([id]) => id === s.branch.id)![1];
      // Five days into this quarter, 10:00 in the park.
      const finalisedAt = new Date(lastRange.to.getTime() + 5 * 86400_000 + 10 * 3600_000);
      const items = s.items.map((i) => (scores[i.key] ? { ...i, points: scores[i.key][0], note: scores[i.key][1], scoredBy: 'demo-admin', scoredAt: finalisedAt } : i));
      const total = Math.round(items.reduce((sum, i) => sum + (i.points ?? 0), 0) * 10) / 10;
      const band = [...rubric.bands].sort((a, b) => b.minScore - a.minScore).find((b) => total >= b.minScore)!;
      const doc: RatingDoc = {
        quarter: lastQ, branchId: s.branch.id, branchName: s.branch.name, rubricVersion: version, items, total, stars: band.stars, allowance: band.allowance, status: 'final',
        log: [
          ...Object.entries(scores).map(([itemKey, [points, note]]) => ({ at: finalisedAt, by: 'demo-admin', byName: '王建国', itemKey, points, note })),
          { at: finalisedAt, by: 'demo-admin', byName: '王建国', itemKey: '*', points: total, note: `定级为 ${band.stars} 星，红星津贴 ${band.allowance} 元` },
        ],
        finalizedBy: 'demo-admin', finalizedAt: finalisedAt, createdAt: finalisedAt, updatedAt: finalisedAt,
      };
      await put('ratings', ratingId(lastQ, s.branch.id), doc);
      finals.push(doc);
    }
    await seedPayouts(finals, now);
  }

  // Room bookings: tomorrow and the day after, and one today for the admin's schedule.
  const tomorrow = dayjs(today).add(1, 'day').format('YYYY-MM-DD');
  const after = dayjs(today).add(2, 'day').format('YYYY-MM-DD');
  const NAMES: Record<string, string> = { 'demo-enterprise-a': '赵敏', 'demo-secretary': '李红梅', 'seed-secretary-zhixing': '沈晓岚', 'demo-enterprise-b': '孙磊', 'demo-admin': '王建国' };
  const ROOM_NAMES: Record<string, string> = { 'venue-activity': '党员活动室', 'venue-school': '“三新”讲习所', 'venue-life': '党群组织生活馆', 'venue-meet': '党群议事室' };
  const bookings: [string, string, string, string, string, RoomBookingDoc['holder'], string, number, string[]][] = [
    ['rb-seedtoday1', 'venue-life', today, '09:00', '10:30', { kind: 'enterprise', id: 'ent-a', name: '苏州星河智能装备有限公司' }, '新员工入职党史教育', 18, ['demo-enterprise-a', 'demo-enterprise-a2']],
    ['rb-seedtoday2', 'venue-activity', today, '14:00', '16:00', { kind: 'branch', id: 'branch-joint', name: '星河湾产业园联合党支部' }, '支部党员学习交流', 12, ['demo-secretary']],
    ['rb-seedtmrw01', 'venue-activity', tomorrow, '09:00', '11:00', { kind: 'branch', id: 'br-zhixing', name: '苏州智行人工智能研究院有限公司党支部' }, '主题党日：重温入党誓词', 15, ['seed-secretary-zhixing']],
    ['rb-seedtmrw02', 'venue-meet', tomorrow, '14:00', '15:30', { kind: 'enterprise', id: 'ent-b', name: '星河湾生物医药科技有限公司' }, '企业党员谈心谈话', 6, ['demo-enterprise-b']],
    ['rb-seedafter1', 'venue-school', after, '14:30', '16:30', { kind: 'center', id: 'center', name: '党群服务中心' }, '园区青年职工技能培训', 60, []],
  ];
  for (const [id, venueId, day, start, end, holder, purpose, attendees, owners] of bookings) {
    const startAt = parkTime(day, start);
    const endAt = parkTime(day, end);
    const deadline = new Date(startAt.getTime() + CHECKIN_GRACE_MS);
    // Today's bookings that have already started were checked in (the demo shows a lived-in day).
    const started = startAt.getTime() <= now.getTime();
    const bookedBy = owners[0] ?? 'demo-admin';
    await put('roomBookings', id, {
      venueId, venueName: ROOM_NAMES[venueId], day, startAt, endAt, cells: roomCells(venueId, startAt, endAt), holder, purpose, attendees,
      bookedBy, bookedByName: NAMES[bookedBy] ?? '', owners: owners.length ? owners : ['demo-admin'], checkinDeadline: deadline,
      state: started ? 'checked_in' : 'booked', checkedInAt: started ? new Date(startAt.getTime() + 5 * 60_000) : null, checkedInBy: started ? bookedBy : null,
      endedAt: null, endedBy: null, createdAt: at,
    });
  }
}

/**
 * Last quarter's study in the joint branch's group, so its finalised rating's 党员学习完成率 is read
 * from records (G-01): a topic in each month of the quarter the study seed has not given one (it
 * writes this month and last), finished (every material read, a 自学记录 written) by every member
 * but the last of `people`. Runs after seedStudy (seed.ts), which created the group.
 */
async function seedLastQuarterStudy(quarter: string, people: string[]): Promise<void> {
  const group = 'sg-joint';
  const first = dayjs.utc(quarterRange(quarter).fromDay);
  const content = '本月学习了专题资料，对照党章党规检查自己在工作中发挥先锋模范作用的情况，明确了下一步努力的方向。';
  for (const month of [0, 1, 2].map((i) => first.add(i, 'month').format('YYYY-MM'))) {
    // Under a moved clock the study seed's own months may fall in last quarter: its topic and the
    // progress it wrote are kept; the people without a row of that month get this one, so the
    // quarter's study is the same whatever the day the seed runs.
    const [topic] = (await col('studyTopics').doc(`${group}:${month}`).get()).data;
    const doneAt = dayjs.tz(`${month}-20 20:00`, PARK_TZ).toDate();
    if (topic) {
      const { data: have } = await col('studyProgress').where({ groupId: group, month }).field({ openid: true }).limit(1000).get();
      const had = new Set(have.map((r) => r.openid));
      const ids = (topic.materials ?? []).map((m: { id: string }) => m.id);
      for (const openid of people.slice(0, -1).filter((o) => !had.has(o))) {
        await put('studyProgress', `${group}:${month}:${openid}`, { groupId: group, month, openid, readIds: ids, recordChars: content.length, recordAt: doneAt, updatedAt: doneAt });
        await put('studyRecords', `${group}:${month}:${openid}`, { groupId: group, month, openid, content, chars: content.length, createdAt: doneAt, updatedAt: doneAt });
      }
      continue;
    }
    const at = dayjs.tz(`${month}-01 09:00`, PARK_TZ).toDate();
    await put('studyTopics', `${group}:${month}`, {
      groupId: group, month, title: '学习贯彻党的创新理论', intro: '本月专题：原文学习与交流研讨。',
      materials: [{ id: 'm1', kind: 'text', title: '专题学习提纲', body: '围绕本月专题，学习原文并结合岗位实际撰写学习体会。', url: '' }],
      minRecordChars: 20, updatedBy: 'demo-secretary', createdAt: at, updatedAt: at,
    });
    for (const openid of people.slice(0, -1)) {
      await put('studyProgress', `${group}:${month}:${openid}`, { groupId: group, month, openid, readIds: ['m1'], recordChars: content.length, recordAt: doneAt, updatedAt: doneAt });
      await put('studyRecords', `${group}:${month}:${openid}`, { groupId: group, month, openid, content, chars: content.length, createdAt: doneAt, updatedAt: doneAt });
    }
  }
}

/**
 * 红星津贴 for last quarter's finalised ratings (F-08), so the 发放 page is not empty: in the first
 * branch with an allowance, its secretary paid and one roster member (added by the admin, the
 * branch's 组织委员) approved and waiting for payment. Days are clamped to today: under a shifted
 * clock the finalisation may be only days ago.
 */
async function seedPayouts(finals: RatingDoc[], now: Date): Promise<void> {
  const f = finals.find((x) => x.allowance > 0);
  if (!f) return;
  const [branch] = (await col('branches').doc(f.branchId).get()).data;
  const secretary = branch?.secretaryOpenid ?? null;
  const { data: roster } = await col('partyMembers').where({ branchId: f.branchId, state: 'active' }).orderBy('_id', 'asc').limit(20).get();
  const worker = roster.find((m) => m.openid && m.openid !== secretary);
  const today = parkDay(now);
  const min = (a: string, b: string) => (a < b ? a : b);
  const at = f.finalizedAt ?? now;
  const approvedOn = min(dayjs(at).tz(PARK_TZ).add(1, 'day').format('YYYY-MM-DD'), today);
  const paidOn = min(dayjs.tz(`${approvedOn} 12:00`, PARK_TZ).add(7, 'day').format('YYYY-MM-DD'), today);
  const base = {
    quarter: f.quarter, branchId: f.branchId, branchName: f.branchName, stars: f.stars, amount: f.allowance,
    approvedBy: 'demo-admin', approvedAt: at, approvedOn, withdrawnBy: null, withdrawnAt: null, withdrawReason: null,
    createdBy: 'demo-admin', createdAt: at, updatedAt: at,
  };
  if (secretary) {
    const doc: PayoutDoc = { ...base, personKey: secretary, openid: secretary, memberId: null, source: 'secretary', addReason: null, state: 'paid', paidOn, paidBy: 'demo-admin', paidAt: at };
    await put('allowancePayouts', `seed-payout-${f.quarter}-${f.branchId}-secretary`, doc);
  }
  if (worker?.openid) {
    const doc: PayoutDoc = {
      ...base, personKey: worker.openid, openid: worker.openid, memberId: worker._id, source: 'roster', addReason: '组织委员，协助书记承担支部党务工作',
      state: 'approved', paidOn: null, paidBy: null, paidAt: null,
    };
    await put('allowancePayouts', `seed-payout-${f.quarter}-${f.branchId}-worker`, doc);
  }
}
