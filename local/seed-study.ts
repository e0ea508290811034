/**
 * Demo data of 党员学习, relative to the park month of the first start (so the demo always has
 * "this month"): the joint branch's study group (owner demo-secretary; demo-member and three
 * more members with mixed progress) bound to a demo WeChat chat, a 青年党员学习小组 that
 * demo-member can join with its invite code, this month's topics with materials, last month's
 * topic and a written record, the 71-question bank, a park-wide quiz, an upcoming 大党课 (the
 * check-in seed already holds a past one that demo-member attended) and a few study weeks for
 * the streak. Fixed ids; inserts tolerate existing rows.
 */
import { newUser } from '../server/core/caller';
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';
import { seedEpoch } from './seed-clock';
import type { StudyMaterial, StudyTopicDoc } from '../cloudfunctions/study/docs';
import { addMonths, addWeeks, parkMonth, parkWeek } from '../cloudfunctions/study/calendar';
import { charCount } from '../cloudfunctions/study/text';
import { put } from './seed-appointment';
import { PARTY_BASICS, PARTY_BASICS_BANK } from './study-questions';

export const STUDY_DEMO = {
  jointGroup: 'sg-joint',
  jointCode: 'XHWDZB26',
  /** Opening `…/packages/study/join/index?groupId=sg-joint&chat=GdemoJointChat01` in h5 acts as opening the card in this chat. */
  jointChat: 'GdemoJointChat01',
  youthGroup: 'sg-youth',
  youthCode: 'QNDYXX26',
  quiz: 'qzbasics26',
} as const;

// Creation times of the demo records: about a year before the seed runs (this module is loaded by
// the process that seeds, local/seed-clock.ts).
const at = seedEpoch();

const OATH =
  '我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。';

export const JOINT_TOPIC: Pick<StudyTopicDoc, 'title' | 'intro' | 'minRecordChars'> & { materials: StudyMaterial[] } = {
  title: '学党章 守党规 做合格党员',
  intro: '本月围绕党章和党支部工作条例开展学习：重温入党誓词，对照党员义务查找差距，结合岗位工作写一篇自学记录。',
  minRecordChars: 100,
  materials: [
    { id: 'mjoint01', kind: 'text', title: '重温入党誓词', url: '',
      body: `入党誓词（党章第六条规定，预备党员必须面向党旗进行入党宣誓）：\n\n${OATH}\n\n学习提示：逐句对照誓词，想一想自己在“对党忠诚、积极工作”方面做得怎么样，在企业岗位上还能为群众做些什么。` },
    { id: 'mjoint02', kind: 'text', title: '党支部“三会一课”怎么开', url: '',
      body: '《中国共产党支部工作条例（试行）》规定：党员大会一般每季度召开1次；党支部委员会会议一般每月召开1次；党小组会一般每月召开1次；党支部书记每年至少为党员讲1次党课。党支部每月相对固定1天开展主题党日，组织生活会一般每年召开1次。\n\n我们是联合党支部，党员分散在多家企业：请留意支部群里的通知，按时参加组织生活；因工作不能参加的，请提前向支部书记请假并补学。' },
    { id: 'mjoint03', kind: 'link', title: '共产党员网：党章全文及学习专题', url: 'https://www.12371.cn/', body: '在共产党员网查阅《中国共产党章程》全文，重点学习总纲和第一章“党员”。' },
    // G-10: a 公众号 article (opens in WeChat's reader) and a 视频号 video (opens in 视频号). Demo
    // addresses and ids: a deployment's managers put real ones in through the topic editor.
    { id: 'mjoint04', kind: 'link', title: '公众号文章：支部书记讲党章', url: 'https://mp.weixin.qq.com/s/RedParkDemoDangZhang01',
      body: '园区党群服务中心公众号的学习文章，在微信里直接阅读，读完回到这里打卡。' },
    { id: 'mjoint05', kind: 'channels', title: '视频号：党章微课（5分钟）', url: '', finderUserName: 'sphRedParkDemo01', feedId: 'export/RedParkDemoFeed0001',
      body: '园区党群服务中心视频号的党章微课，点开在微信视频号中观看。' },
  ],
};

export const JOINT_TOPIC_LAST_MONTH: typeof JOINT_TOPIC = {
  title: '弘扬伟大建党精神',
  intro: '学习伟大建党精神的丰富内涵，讲一讲身边党员的故事。',
  minRecordChars: 100,
  materials: [
    { id: 'mlast001', kind: 'text', title: '伟大建党精神的内涵', url: '',
      body: '2021年7月1日，习近平总书记在庆祝中国共产党成立100周年大会上提出伟大建党精神：坚持真理、坚守理想，践行初心、担当使命，不怕牺牲、英勇斗争，对党忠诚、不负人民。' },
  ],
};

export const YOUTH_TOPIC: typeof JOINT_TOPIC = {
  title: '青年党员 · 传承红色基因',
  intro: '青年党员学习小组本月学习党的历史上的重要会议，了解我们党是怎样一步步走过来的。',
  minRecordChars: 50,
  materials: [
    { id: 'myouth01', kind: 'text', title: '党史上的几次重要会议', url: '',
      body: '1921年7月，中共一大在上海召开，最后一天转移到浙江嘉兴南湖的游船上举行，宣告中国共产党成立。\n1929年12月的古田会议，确立了思想建党、政治建军的原则。\n1935年1月的遵义会议，实际上确立了毛泽东在党中央和红军的领导地位，是党的历史上一个生死攸关的转折点。\n1978年12月的十一届三中全会，开启了改革开放和社会主义现代化建设新时期。' },
    { id: 'myouth02', kind: 'video', title: '学习强国：党史学习视频', url: 'https://www.xuexi.cn/', body: '在“学习强国”观看党史学习视频，可以和小组成员在群里交流心得。' },
  ],
};

const EXTRA_MEMBERS = [
  { openid: 'demo-pm-01', name: '周立新' },
  { openid: 'demo-pm-02', name: '吴晓燕' },
  { openid: 'demo-pm-03', name: '郑海波' },
];

const LAST_MONTH_RECORD =
  '本月集中学习了伟大建党精神。读到“践行初心、担当使命”时，我想到支部里在疫情期间主动到园区防疫点值守的几位老党员。作为企业的技术骨干，我要把这种精神落实到岗位上：带好新入职的两名青年员工，把产线改造项目按时保质完成，并在下个月的主题党日上和大家分享学习体会。';

const parkTime = (day: string, hm: string) => dayjs.tz(`${day} ${hm}`, PARK_TZ).toDate();

export async function seedStudy(now = new Date()): Promise<void> {
  const month = parkMonth(now);
  const last = addMonths(month, -1);
  const today = parkDay(now);

  await put('studyGroups', STUDY_DEMO.jointGroup, {
    name: '星河湾产业园联合党支部学习小组', kind: 'branch', branchId: 'branch-joint',
    description: '联合党支部全体党员的学习小组：每月一个专题，支部微信群里交流，学习情况在这里记录。',
    ownerOpenid: 'demo-secretary', inviteCode: STUDY_DEMO.jointCode, chatCount: 1, createdBy: 'demo-secretary', createdAt: at, updatedAt: at,
  });
  await put('studyGroups', STUDY_DEMO.youthGroup, {
    name: '青年党员学习小组', kind: 'topic', branchId: null,
    description: '园区 35 岁以下青年党员的主题学习小组，跨支部参加。',
    ownerOpenid: 'demo-secretary', inviteCode: STUDY_DEMO.youthCode, chatCount: 0, createdBy: 'demo-secretary', createdAt: at, updatedAt: at,
  });
  await put('studyChats', `chat:${STUDY_DEMO.jointChat}`, { groupId: STUDY_DEMO.jointGroup, openGId: STUDY_DEMO.jointChat, boundBy: 'demo-secretary', boundAt: at });

  for (const m of EXTRA_MEMBERS) {
    await put('users', m.openid, { ...newUser(m.openid, at), profile: { name: m.name }, privacyAcceptedAt: at, roles: ['member'], branchId: 'branch-joint', memberStatus: 'approved' });
  }
  const jointMembers: [string, 'owner' | 'share' | 'code'][] = [
    ['demo-secretary', 'owner'], ['demo-member', 'share'], ...EXTRA_MEMBERS.map((m, i) => [m.openid, i === 2 ? 'code' : 'share'] as [string, 'share' | 'code']),
  ];
  for (const [openid, via] of jointMembers) {
    await put('studyMembers', `${STUDY_DEMO.jointGroup}:${openid}`, { groupId: STUDY_DEMO.jointGroup, openid, via, joinedAt: at });
  }
  await put('studyMembers', `${STUDY_DEMO.youthGroup}:demo-secretary`, { groupId: STUDY_DEMO.youthGroup, openid: 'demo-secretary', via: 'owner', joinedAt: at });

  const topic = (groupId: string, m: string, t: typeof JOINT_TOPIC) =>
    put('studyTopics', `${groupId}:${m}`, { groupId, month: m, ...t, updatedBy: 'demo-secretary', createdAt: at, updatedAt: at });
  await topic(STUDY_DEMO.jointGroup, month, JOINT_TOPIC);
  await topic(STUDY_DEMO.jointGroup, last, JOINT_TOPIC_LAST_MONTH);
  await topic(STUDY_DEMO.youthGroup, month, YOUTH_TOPIC);

  // This month: one member finished, one half-way, one not started; demo-member starts fresh.
  const ids = JOINT_TOPIC.materials.map((m) => m.id);
  const progress = (openid: string, m: string, readIds: string[], recordChars: number) =>
    put('studyProgress', `${STUDY_DEMO.jointGroup}:${m}:${openid}`, { groupId: STUDY_DEMO.jointGroup, month: m, openid, readIds, recordChars, recordAt: recordChars ? now : null, updatedAt: now });
  const record = (openid: string, m: string, content: string) =>
    put('studyRecords', `${STUDY_DEMO.jointGroup}:${m}:${openid}`, { groupId: STUDY_DEMO.jointGroup, month: m, openid, content, chars: charCount(content), createdAt: now, updatedAt: now });
  const done = '对照入党誓词逐句检查自己：工作中能做到积极肯干，但在主动关心身边群众、带动青年员工方面还做得不够。本月我参加了园区志愿服务，帮助两家企业的职工办理了党组织关系转接。下一步要坚持每月按时参加组织生活，带头学习党章，把学习体会用到工作中去，做一名合格的党员。';
  await progress('demo-pm-01', month, ids, charCount(done));
  await record('demo-pm-01', month, done);
  await progress('demo-pm-02', month, ids.slice(0, 2), 0);
  await progress('demo-member', last, JOINT_TOPIC_LAST_MONTH.materials.map((m) => m.id), charCount(LAST_MONTH_RECORD));
  await record('demo-member', last, LAST_MONTH_RECORD);

  // demo-member studied in three of the last four weeks: a streak with one forgiven week.
  const week = parkWeek(now);
  for (const n of [1, 3, 4]) {
    const w = addWeeks(week, -n);
    await put('studyActivity', `demo-member:${w}`, { openid: 'demo-member', week: w, at: parkTime(w, '20:00') });
  }

  for (const [i, q] of PARTY_BASICS.entries()) {
    await put('quizQuestions', `pq-${String(i + 1).padStart(3, '0')}`, { bank: PARTY_BASICS_BANK, ...q, active: true, createdAt: at });
  }
  await put('quizzes', STUDY_DEMO.quiz, {
    title: '党章党规知识竞赛', description: '每次从“党章和党的基本知识”题库随机抽取 10 道题，限时 10 分钟，每人可作答 3 次，交卷后可查看每道题的解析。',
    groupId: null, bank: PARTY_BASICS_BANK, questionCount: 10, timeLimitSeconds: 600, maxAttempts: 3,
    opensAt: parkTime(dayjs(today).subtract(30, 'day').format('YYYY-MM-DD'), '00:00'),
    closesAt: parkTime(dayjs(today).add(60, 'day').format('YYYY-MM-DD'), '00:00'),
    status: 'open', createdBy: 'demo-admin', createdAt: at,
  });

  const lectureDay = dayjs(today).add(10, 'day').format('YYYY-MM-DD');
  await put('events', 'demolect2', {
    kind: 'lecture', refId: null, title: '大党课：学党章 守党规 做合格党员', venueId: 'venue-school', place: '“三新”讲习所',
    startAt: parkTime(lectureDay, '14:30'), endAt: parkTime(lectureDay, '16:30'), rotateSeconds: 30, status: 'open', createdBy: 'demo-admin', createdAt: at,
  });
}
