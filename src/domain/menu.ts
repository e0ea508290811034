/**
 * What each person sees on 首页 / 服务 / 学习: plain functions of the `user.me` reply so they
 * can be tested without Taro. Capabilities that arrive later are marked `soon`.
 */
import { canApproveMembers, hasRole, isEnterprise, isHandler, isMember, type Role } from './roles';
import type { MemberStatus } from './profile';
import { ROUTES, type Route } from './routes';

export type MenuTarget = { kind: 'route'; route: Route } | { kind: 'soon' } | { kind: 'call' };

export interface MenuEntry {
  key: string;
  title: string;
  description: string;
  /** One character drawn in the icon circle (党, 策 …): no image assets needed. */
  glyph: string;
  target: MenuTarget;
}

/** The part of `user.me` these helpers read. */
export interface Viewer {
  roles: readonly Role[];
  memberStatus: MemberStatus;
  profile: { name?: string };
  enterprise: { id: string; name: string } | null;
  park?: { services?: ReadonlyArray<{ key: string; title: string; description: string }> } | null;
}

const SOON: MenuTarget = { kind: 'soon' };
const route = (r: Route): MenuTarget => ({ kind: 'route', route: r });

/** The center's service menu (PRODUCT.md → 扫码签到): the defaults when the park has none set. */
export const DEFAULT_SERVICES = [
  { key: 'party', title: '党务办理', description: '组织关系转接、党费缴纳咨询、入党申请指导' },
  { key: 'policy', title: '政策咨询', description: '惠企政策解读与申报辅导' },
  { key: 'training', title: '培训学习', description: '党课、技能培训与主题学习' },
  { key: 'activity', title: '活动开展', description: '志愿服务、主题党日、群团活动' },
  { key: 'proxy', title: '红色代办', description: '窗口帮办、上门代办、组团联办' },
] as const;

const GLYPH: Record<string, string> = { party: '党', policy: '策', training: '学', activity: '活', proxy: '办' };

function serviceTarget(key: string, v: Viewer): MenuTarget {
  switch (key) {
    case 'party':
      // Non-members are helped to join their branch; the rest of Party affairs comes later.
      return isMember(v.roles) || v.memberStatus === 'approved' ? SOON : route(ROUTES.applyMember);
    case 'training':
      return route(ROUTES.study);
    case 'activity':
      return route(ROUTES.volunteer);
    case 'policy':
      return route(ROUTES.policyList);
    case 'proxy':
      // 红色代办 is filed and followed as a demand of kind 代办.
      return route(ROUTES.demandHome);
    default:
      return SOON;
  }
}

export function serviceMenu(v: Viewer): MenuEntry[] {
  const list = v.park?.services?.length ? v.park.services : DEFAULT_SERVICES;
  return list.map((s) => ({
    key: s.key,
    title: s.title,
    description: s.description,
    glyph: GLYPH[s.key] ?? Array.from(s.title)[0] ?? '·',
    target: serviceTarget(s.key, v),
  }));
}

export interface Capability {
  key: string;
  title: string;
  description: string;
  audience: string;
  glyph: string;
  /** Whether this person is the capability's main audience (shown first, with a hint). */
  forYou: boolean;
  target: MenuTarget;
}

/** 服务 tab: every capability; `soon` until its domain lands. */
export function capabilities(v: Viewer): Capability[] {
  const ent = isEnterprise(v.roles);
  const list: Capability[] = [
    { key: 'volunteer', title: '志愿服务', glyph: '志', audience: '所有人', forYou: true, target: route(ROUTES.volunteer),
      description: '报名参加送党课、送培训、科普等志愿活动，记录志愿时长' },
    { key: 'policy', title: '惠企政策', glyph: '策', audience: '园区企业与职工', forYou: true, target: route(ROUTES.policyList),
      description: '查找国家、省、市、区及园区各级惠企政策，领取政策礼包' },
    { key: 'appointment', title: '发展服务团预约', glyph: '约', audience: '园区企业', forYou: ent || hasRole(v.roles, 'expert'), target: route(ROUTES.appointment),
      description: '预约法律、财务、科技、金融、人才服务专家' },
    { key: 'demand', title: '诉求与红色代办', glyph: '诉', audience: '园区企业', forYou: ent || isHandler(v.roles), target: route(ROUTES.demandHome),
      description: '提交企业诉求，由中心帮办、代办并跟踪办结' },
    { key: 'venue', title: '场馆预约', glyph: '馆', audience: '党支部与企业', forYou: ent || isMember(v.roles), target: route(ROUTES.rooms),
      description: '预约党群组织生活馆的活动室、会议室' },
  ];
  return [...list.filter((c) => c.forYou), ...list.filter((c) => !c.forYou)];
}

export interface QuickLink {
  key: string;
  title: string;
  hint: string;
  target: MenuTarget;
}

/** 首页 quick links: the next useful step for this person first. */
export function quickLinks(v: Viewer): QuickLink[] {
  const links: QuickLink[] = [];
  if (!v.profile?.name?.trim()) {
    links.push({ key: 'profile', title: '完善个人信息', hint: '填写姓名和联系方式，便于中心为您服务', target: route(ROUTES.profileEdit) });
  }
  if (hasRole(v.roles, 'admin')) {
    links.push(
      { key: 'admin', title: '管理后台', hint: '数据看板、台账导出与企业导入、操作日志', target: route(ROUTES.admin) },
      { key: 'kiosk', title: '签到大屏', hint: '在中心屏幕上显示场所或活动的签到码', target: route(ROUTES.checkinKiosk) },
      { key: 'venues', title: '场所与二维码', hint: '管理场所，下载、打印到访二维码', target: route(ROUTES.checkinVenues) },
      { key: 'events', title: '签到活动', hint: '创建需要现场扫码签到的活动', target: route(ROUTES.checkinEvents) },
      { key: 'checkin-stats', title: '到访统计', hint: '按日、场所、活动查看到访人次与人数', target: route(ROUTES.checkinStats) },
      { key: 'org', title: '党建台账与覆盖率', hint: '五清台账、党组织组建、覆盖率、星级评定', target: route(ROUTES.orgHome) },
      { key: 'room-schedule', title: '场馆排期', hint: '查看各场馆当天的预约与签到', target: route(ROUTES.roomSchedule) },
    );
  }
  if (hasRole(v.roles, 'secretary')) {
    links.push({ key: 'orglife', title: '组织生活记录', hint: '记录“三会一课”、主题党日，扫码签到', target: route(ROUTES.orgLife) });
  }
  if (canApproveMembers(v.roles)) {
    links.push({ key: 'branch', title: '支部工作', hint: '党员花名册、组织关系转接、党费、发展党员', target: route(ROUTES.branchHome) });
  }
  if (canApproveMembers(v.roles)) {
    links.push({ key: 'pending', title: '待审批党员', hint: '审核本支部的入支部申请', target: route(ROUTES.pendingMembers) });
  }
  if (isMember(v.roles)) {
    links.push({ key: 'study', title: '本月学习', hint: '一月一专题、自学记录、党建知识竞赛', target: route(ROUTES.study) });
  }
  if (!isMember(v.roles) && v.memberStatus !== 'approved') {
    links.push(
      v.memberStatus === 'pending'
        ? { key: 'member', title: '入支部申请进度', hint: '申请已提交，等待支部书记审核', target: route(ROUTES.mine) }
        : { key: 'member', title: '党员申请加入支部', hint: '党员可申请加入所在党支部', target: route(ROUTES.applyMember) },
    );
  }
  if (isEnterprise(v.roles)) {
    links.push({ key: 'appointment', title: '预约发展服务团', hint: '法律、财务、科技、金融、人才专家一对一服务', target: route(ROUTES.appointment) });
  }
  if (hasRole(v.roles, 'expert')) {
    links.push({ key: 'expert', title: '专家工作台', hint: '发布可预约时段，处理企业预约', target: route(ROUTES.apptExpert) });
  }
  if (v.enterprise && isEnterprise(v.roles)) {
    links.push({ key: 'match', title: '查看可享政策', hint: '按企业画像匹配可申报的惠企政策', target: route(ROUTES.policyMatch) });
  }
  if (!v.enterprise) {
    links.push({ key: 'invite', title: '企业联系人绑定', hint: '输入中心发放的企业邀请码', target: route(ROUTES.redeemInvite) });
  }
  links.push({ key: 'call', title: '联系服务中心', hint: '电话咨询党群服务中心', target: { kind: 'call' } });
  return links;
}

export type StudyView = 'member' | 'pending' | 'apply';

/** 学习 tab: members study; others are told how to join their branch. */
export function studyView(v: Pick<Viewer, 'roles' | 'memberStatus'>): StudyView {
  if (isMember(v.roles) || v.memberStatus === 'approved') return 'member';
  if (v.memberStatus === 'pending') return 'pending';
  return 'apply';
}
