/**
 * Demo data of 发展服务团预约: expert profiles, three weeks of published slots from the day of
 * the first start (so the demo works whenever it is started), a pairing, a roving day and two
 * bookings (one served and rated, one upcoming). Fixed ids; inserts tolerate existing rows.
 */
import { col } from '../server/core/db';
import { isDuplicateKey } from '../server/core/errors';
import { newUser } from '../server/core/caller';
import { addDays, dayjs, PARK_TZ, parkDay } from '../server/core/time';
import type { BookingDoc, ExpertDoc, SlotDoc } from '../cloudfunctions/appointment/docs';
import type { Collections } from '../server/core/schema';
import { generateSlots, parkInstant, slotCells } from '../cloudfunctions/appointment/slotGen';

export async function put<K extends keyof Collections>(name: K, id: string, doc: Collections[K]): Promise<void> {
  try {
    await col(name).add({ _id: id, ...doc });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

type Seeded = Omit<ExpertDoc, 'active' | 'autoConfirm' | 'createdAt' | 'updatedAt'> & {
  id: string;
  weekdays: number[];
  start: string;
  end: string;
  mode: 'online' | 'venue';
  autoConfirm?: boolean;
};

export const EXPERTS: Seeded[] = [
  { id: 'demo-expert-legal', teamId: 'team-legal', name: '周文', organisation: '江苏星河律师事务所', title: '合伙人律师',
    specialities: ['合同审查', '劳动用工', '知识产权', '股权架构'],
    intro: '执业 15 年，长期为园区制造业和科技型企业提供常年法律顾问服务，擅长劳动用工合规与合同风险防控。',
    weekdays: [1, 2, 3, 4, 5], start: '14:00', end: '17:00', mode: 'venue' },
  { id: 'seed-expert-xu', teamId: 'team-legal', name: '许诺', organisation: '苏州明理律师事务所', title: '律师',
    specialities: ['劳动用工', '合规审查', '商事仲裁'],
    intro: '专注企业合规与劳动争议处理，曾参与园区“法律体检进企业”专项活动。',
    weekdays: [2, 4], start: '09:30', end: '11:30', mode: 'online' },
  { id: 'seed-expert-chen', teamId: 'team-accounting', name: '陈静', organisation: '苏州众信会计师事务所', title: '注册会计师',
    specialities: ['研发费用加计扣除', '税务筹划', '审计辅导'],
    intro: '注册会计师、税务师，熟悉高新技术企业财税政策，帮助多家园区企业完成研发费用归集。',
    weekdays: [1, 3], start: '14:00', end: '16:00', mode: 'venue', autoConfirm: true },
  { id: 'seed-expert-liu', teamId: 'team-technology', name: '刘洋', organisation: '苏州大学技术转移中心', title: '高级工程师',
    specialities: ['高企认定', '科技项目申报', '成果转化'],
    intro: '从事科技项目管理十余年，熟悉省市科技计划项目申报流程。',
    weekdays: [2, 5], start: '14:00', end: '16:00', mode: 'online' },
  { id: 'demo-expert-finance', teamId: 'team-finance', name: '吴倩', organisation: '苏州银行星河湾支行', title: '公司金融部经理',
    specialities: ['融资对接', '贷款贴息', '供应链金融'],
    intro: '负责园区科技型中小企业金融服务，熟悉“科技贷”“人才贷”等产品与贴息政策。',
    weekdays: [1, 3, 5], start: '10:00', end: '12:00', mode: 'venue' },
  { id: 'seed-expert-ma', teamId: 'team-talent', name: '马丽', organisation: '星河湾人力资源服务产业园', title: '人才服务主管',
    specialities: ['人才政策', '招聘对接', '职称评审'],
    intro: '负责园区人才政策宣讲与企业招聘对接，协助企业申报各级人才计划。',
    weekdays: [4], start: '14:00', end: '17:00', mode: 'venue' },
];

/** A second contact of 星河智能 (ent-a): both contacts see the enterprise's bookings. */
export const SECOND_CONTACT = { openid: 'demo-enterprise-a2', name: '钱芳', enterpriseId: 'ent-a' };

export async function seedAppointment(now = new Date()): Promise<void> {
  const at = new Date(now.getTime() - 30 * 86400_000);
  const today = parkDay(now);
  const day = (n: number) => addDays(today, n);

  await put('users', SECOND_CONTACT.openid, { ...newUser(SECOND_CONTACT.openid, at), profile: { name: SECOND_CONTACT.name }, privacyAcceptedAt: at, roles: ['enterprise'], enterpriseId: SECOND_CONTACT.enterpriseId });
  for (const e of EXPERTS) {
    if (!e.id.startsWith('demo-')) {
      await put('users', e.id, { ...newUser(e.id, at), profile: { name: e.name, organisation: e.organisation }, privacyAcceptedAt: at, roles: ['expert'], expertTeamId: e.teamId });
    }
    await put('experts', e.id, { teamId: e.teamId, name: e.name, organisation: e.organisation, title: e.title, specialities: e.specialities, intro: e.intro, autoConfirm: !!e.autoConfirm, active: true, createdAt: at, updatedAt: at });
  }

  // Three weeks of slots from tomorrow (published "a week ago": no priority window left).
  const slots = new Map<string, SlotDoc & { _id: string }>();
  for (const e of EXPERTS) {
    const place = e.mode === 'venue' ? '党群服务中心大厅（服务大楼一层）' : '线上（视频或电话）';
    for (const g of generateSlots({ from: day(1), to: day(21), weekdays: e.weekdays, start: e.start, end: e.end, slotMinutes: 60, bufferMinutes: 0 })) {
      const id = `seed-${e.id}-${g.startAt.getTime().toString(36)}`;
      slots.set(id, {
        _id: id, expertId: e.id, teamId: e.teamId, startAt: g.startAt, endAt: g.endAt, mode: e.mode, venueId: e.mode === 'venue' ? 'venue-hall' : null, place,
        kind: 'bookable', rovingDayId: null, state: 'open', bookingId: null, holds: 0, cells: slotCells(e.id, g.startAt, g.endAt),
        priorityUntil: null, priorityEnterpriseIds: [], createdAt: at,
      });
    }
  }

  // A served-and-rated consultation last week (its slot has passed) …
  const pastStart = parkInstant(day(-7), 14 * 60);
  const pastEnd = parkInstant(day(-7), 15 * 60);
  const pastSlot = `seed-past-legal`;
  slots.set(pastSlot, {
    _id: pastSlot, expertId: 'demo-expert-legal', teamId: 'team-legal', startAt: pastStart, endAt: pastEnd, mode: 'venue', venueId: 'venue-hall',
    place: '党群服务中心大厅（服务大楼一层）', kind: 'bookable', rovingDayId: null, state: 'held', bookingId: 'bk-seed-served', holds: 1,
    cells: slotCells('demo-expert-legal', pastStart, pastEnd), priorityUntil: null, priorityEnterpriseIds: [], createdAt: at,
  });
  // … and an upcoming confirmed one of 生物医药 (ent-b) with 吴倩 (the first of her slots).
  const upcoming = [...slots.values()].filter((s) => s.expertId === 'demo-expert-finance').sort((a, b) => a.startAt.getTime() - b.startAt.getTime())[0];
  upcoming.state = 'held';
  upcoming.bookingId = 'bk-seed-upcoming';
  upcoming.holds = 1;
  for (const s of slots.values()) {
    const { _id, ...doc } = s;
    await put('slots', _id, doc);
  }

  const base = { kind: 'bookable' as const, rovingDayId: null, score: null, comment: null, cancelReason: null, serviceRecord: null, note: '' };
  const served: BookingDoc = {
    ...base, slotId: pastSlot, slotTurn: `${pastSlot}#1`, expertId: 'demo-expert-legal', expertName: '周文', teamId: 'team-legal', teamName: '法律服务团',
    enterpriseId: 'ent-a', enterpriseName: '苏州星河智能装备有限公司', bookedBy: 'demo-enterprise-a', bookedByName: '赵敏',
    startAt: pastStart, endAt: pastEnd, mode: 'venue', place: '党群服务中心大厅（服务大楼一层）',
    topic: '新招录一线员工的劳动合同模板审查，试用期条款是否合规', state: 'rated',
    history: [
      { state: 'requested', at: new Date(pastStart.getTime() - 3 * 86400_000), by: 'demo-enterprise-a', role: 'enterprise' },
      { state: 'confirmed', at: new Date(pastStart.getTime() - 3 * 86400_000 + 3600_000), by: 'demo-expert-legal', role: 'expert' },
      { state: 'served', at: new Date(pastEnd.getTime() + 600_000), by: 'demo-expert-legal', role: 'expert' },
      { state: 'rated', at: new Date(pastEnd.getTime() + 86400_000), by: 'demo-enterprise-a', role: 'enterprise', note: '5 星' },
    ],
    serviceRecord: '审查劳动合同模板 1 份，指出试用期约定超过法定上限、竞业限制补偿缺失两处问题，已给出修改建议。',
    score: 5, comment: '周律师讲解细致，当场给出了修改意见。',
    createdAt: new Date(pastStart.getTime() - 3 * 86400_000), updatedAt: new Date(pastEnd.getTime() + 86400_000),
  };
  const upcomingDoc: BookingDoc = {
    ...base, slotId: upcoming._id, slotTurn: `${upcoming._id}#1`, expertId: 'demo-expert-finance', expertName: '吴倩', teamId: 'team-finance', teamName: '金融服务团',
    enterpriseId: 'ent-b', enterpriseName: '星河湾生物医药科技有限公司', bookedBy: 'demo-enterprise-b', bookedByName: '孙磊',
    startAt: upcoming.startAt, endAt: upcoming.endAt, mode: upcoming.mode, place: upcoming.place,
    topic: '新药临床试验阶段的融资需求，想了解科技贷和贴息政策', state: 'confirmed',
    history: [
      { state: 'requested', at: at, by: 'demo-enterprise-b', role: 'enterprise' },
      { state: 'confirmed', at: new Date(at.getTime() + 3600_000), by: 'demo-expert-finance', role: 'expert' },
    ],
    createdAt: at, updatedAt: new Date(at.getTime() + 3600_000),
  };
  await put('bookings', 'bk-seed-served', served);
  await put('bookings', 'bk-seed-upcoming', upcomingDoc);
  await put('bookingCounters', 'ent-b_team-finance', { enterpriseId: 'ent-b', teamId: 'team-finance', open: 1, updatedAt: at });

  // 结对式: 星河智能 is paired with 周文 for half a year.
  await put('pairings', 'ent-a_demo-expert-legal', {
    enterpriseId: 'ent-a', enterpriseName: '苏州星河智能装备有限公司', expertId: 'demo-expert-legal', expertName: '周文', teamId: 'team-legal',
    from: dayjs.tz(`${day(-30)}T00:00:00`, PARK_TZ).toDate(), until: dayjs.tz(`${day(150)}T00:00:00`, PARK_TZ).toDate(),
    note: '结对帮扶：劳动用工合规体检', endedAt: null, createdBy: 'demo-admin', createdAt: at,
  });

  // 巡回式: the legal team's morning at the center on the first Wednesday at least a week away
  // (周文's own slots are afternoons, 许诺's on Tuesdays and Thursdays: no clash).
  let offset = 7;
  while (dayjs.tz(`${day(offset)}T00:00:00`, PARK_TZ).day() !== 3) offset++;
  const date = day(offset);
  const blocks = [
    { startAt: parkInstant(date, 9 * 60), endAt: parkInstant(date, 10 * 60) },
    { startAt: parkInstant(date, 10 * 60), endAt: parkInstant(date, 11 * 60) },
    { startAt: parkInstant(date, 11 * 60), endAt: parkInstant(date, 12 * 60) },
  ];
  const experts = ['demo-expert-legal', 'seed-expert-xu'];
  const place = '“三新”讲习所（服务大楼二层 205）';
  await put('rovingDays', 'roving-legal-1', {
    teamId: 'team-legal', date, title: '法律服务进园区 · 巡回服务日', venueId: 'venue-school', place, blocks, expertIds: experts,
    note: '现场提供合同审查、劳动用工、知识产权咨询，请携带相关材料。', createdBy: 'demo-admin', createdAt: at,
  });
  for (const [i, b] of blocks.entries()) {
    for (const expertId of experts) {
      await put('slots', `roving-legal-1-${i}-${expertId}`, {
        expertId, teamId: 'team-legal', startAt: b.startAt, endAt: b.endAt, mode: 'venue', venueId: 'venue-school', place, kind: 'roving',
        rovingDayId: 'roving-legal-1', state: 'open', bookingId: null, holds: 0, cells: slotCells(expertId, b.startAt, b.endAt),
        priorityUntil: null, priorityEnterpriseIds: [], createdAt: at,
      });
    }
  }
}
