/**
 * The admin console's plain logic (no Taro): console entries by role, chart series from the
 * dashboard's figures, the import's pieces and progress, and what changed in an audit entry.
 */
import { hasRole, type Role } from './roles';
import { ROUTES, type Route } from './routes';

export interface ConsoleEntry {
  key: string;
  title: string;
  hint: string;
  route: Route;
}

/**
 * The console is a hub: its own pages (figures, ledgers, import, audit, users) and each
 * capability's own management pages. Secretaries see the branch-level ones.
 */
export function consoleEntries(roles: readonly Role[]): { own: ConsoleEntry[]; manage: ConsoleEntry[] } {
  const admin = hasRole(roles, 'admin');
  const secretary = hasRole(roles, 'secretary');
  const own: ConsoleEntry[] = admin
    ? [
        { key: 'dashboard', title: '数据看板', hint: '到访、预约与满意度等图表', route: ROUTES.adminDashboard },
        { key: 'export', title: '台账导出', hint: '导出 Excel 台账上报', route: ROUTES.adminExport },
        { key: 'import', title: '企业导入', hint: '用 Excel 模板批量导入企业', route: ROUTES.adminImport },
        { key: 'users', title: '用户与角色', hint: '查找用户，授予或撤销角色', route: ROUTES.adminUsers },
        { key: 'audit', title: '操作日志', hint: '谁在何时做了什么修改', route: ROUTES.adminAudit },
        { key: 'outbox', title: '消息发送情况', hint: '提醒消息的发送与失败原因', route: ROUTES.adminOutbox },
      ]
    : [];
  const manage: ConsoleEntry[] = [];
  if (admin) {
    manage.push(
      { key: 'venues', title: '场所与二维码', hint: '场所管理、到访码下载打印', route: ROUTES.checkinVenues },
      { key: 'events', title: '签到活动', hint: '创建现场扫码签到的活动', route: ROUTES.checkinEvents },
      { key: 'kiosk', title: '签到大屏', hint: '在中心屏幕显示轮换签到码', route: ROUTES.checkinKiosk },
      { key: 'rooms', title: '活动室管理', hint: '可预约的活动室、容量、设备与开放时间', route: ROUTES.roomManage },
      { key: 'appointment', title: '服务团管理', hint: '结对企业、巡回服务日', route: ROUTES.apptAdmin },
      { key: 'vol-activities', title: '志愿活动管理', hint: '已发布的活动：名单、编辑、截止报名', route: ROUTES.volunteer },
      { key: 'volunteer', title: '发布志愿活动', hint: '志愿活动的时间、地点、名额', route: ROUTES.volEdit },
      { key: 'vol-hours', title: '待确认志愿时长', hint: '补录漏签退、修改时长', route: ROUTES.volPending },
      { key: 'policy', title: '政策与礼包', hint: '维护惠企政策和政策礼包', route: ROUTES.policyList },
      { key: 'packages', title: '惠企礼包', hint: '礼包的政策组合与新建礼包', route: ROUTES.policyPackages },
      { key: 'demand', title: '诉求分派', hint: '把企业诉求分派给承办人', route: ROUTES.demandAdmin },
      { key: 'demand-stats', title: '诉求统计', hint: '按类别、月份的收集与办结', route: ROUTES.demandStats },
      { key: 'study-create', title: '新建学习小组', hint: '按支部或专题建立学习小组', route: ROUTES.studyCreate },
      { key: 'org', title: '党建台账', hint: '企业五清台账、党组织、覆盖率、星级评定', route: ROUTES.orgHome },
      { key: 'orglife-verify', title: '组织生活核实', hint: '会后补录或修改的记录，核实后计入星级评定', route: ROUTES.orgVerify },
    );
  }
  if (admin || secretary) {
    manage.push(
      { key: 'pending', title: '待审批党员', hint: secretary && !admin ? '本支部的入支部申请' : '各支部的入支部申请', route: ROUTES.pendingMembers },
      { key: 'study', title: '学习完成情况', hint: secretary && !admin ? '本支部学习小组的本月完成情况' : '各学习小组的本月完成情况', route: ROUTES.study },
      { key: 'orglife-board', title: '三会一课落实情况', hint: secretary && !admin ? '本支部各类会议待开、逾期未开' : '各支部已开、待开、逾期未开', route: ROUTES.orgBoard },
      { key: 'branch', title: '支部工作', hint: secretary && !admin ? '本支部花名册、转接、党费、发展党员' : '各支部花名册、转接、党费、发展党员', route: ROUTES.branchHome },
    );
  }
  if (secretary && !admin) {
    manage.push({ key: 'org', title: '本支部党建', hint: '组织生活记录、星级评定、预约场馆', route: ROUTES.orgHome });
  }
  return { own, manage };
}

export interface Preset {
  label: string;
  days: number;
}

export const PERIOD_PRESETS: Preset[] = [
  { label: '近7天', days: 7 },
  { label: '近30天', days: 30 },
  { label: '近90天', days: 90 },
  { label: '近一年', days: 365 },
];

/** A chart's data in the shape uCharts takes: categories and named series. */
export interface ChartData {
  categories: string[];
  series: { name: string; data: (number | null)[]; color?: string }[];
}

/** At most `max` labels on a day axis: every k-th day keeps its 'MM-DD', the others stay blank. */
export function dayLabels(days: string[], max = 6): string[] {
  const k = Math.max(1, Math.ceil(days.length / max));
  return days.map((d, i) => (i % k === 0 ? d.slice(5) : ''));
}

export function dayChart(rows: { day: string; visits: number; people: number }[]): ChartData {
  return {
    categories: dayLabels(rows.map((r) => r.day)),
    series: [
      { name: '到访人次', data: rows.map((r) => r.visits) },
      { name: '到访人数', data: rows.map((r) => r.people) },
    ],
  };
}

export function venueChart(rows: { name: string; visits: number }[]): ChartData {
  const top = rows.slice(0, 8);
  return { categories: top.map((r) => r.name), series: [{ name: '到访人次', data: top.map((r) => r.visits) }] };
}

export function teamChart(rows: { teamName: string; bookings: number; served: number }[]): ChartData {
  return {
    categories: rows.map((r) => r.teamName),
    series: [
      { name: '预约', data: rows.map((r) => r.bookings) },
      { name: '已服务', data: rows.map((r) => r.served) },
    ],
  };
}

export function demandChart(rows: { category: string; collected: number; resolved: number }[]): ChartData {
  return {
    categories: rows.map((r) => r.category),
    series: [
      { name: '收集', data: rows.map((r) => r.collected) },
      { name: '办结', data: rows.map((r) => r.resolved) },
    ],
  };
}

/**
 * Study completion by group: one bar per group, one series per month of the period (completion
 * rate in %, one decimal). Groups without members have no rate (a gap, not a 0% bar).
 */
export function studyChart(rows: { groupId: string; groupName: string; month: string; rate: number | null }[]): ChartData {
  const groups: { id: string; name: string }[] = [];
  for (const r of rows) if (!groups.some((g) => g.id === r.groupId)) groups.push({ id: r.groupId, name: r.groupName });
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return {
    categories: groups.map((g) => shortLabel(g.name.replace(/学习小组$/, ''))),
    series: months.map((m) => ({
      name: `${Number(m.slice(5))}月完成率%`,
      data: groups.map((g) => {
        const r = rows.find((x) => x.groupId === g.id && x.month === m);
        return r && r.rate !== null ? Math.round(r.rate * 1000) / 10 : null;
      }),
    })),
  };
}

/** 0.7857 → '78.6%' (a rate of the dashboard; kept here so the admin subpackage shares no module with org's). */
export function ratePct(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A category label that fits under a bar: at most `max` characters, cut with an ellipsis. */
export function shortLabel(name: string, max = 8): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/**
 * A value-axis top for counts: five grid steps of a whole "round" size (1, 2, 2.5, 5 × 10ⁿ), so the
 * labels are whole numbers (uCharts otherwise labels a count axis 0, 0.2, 0.4 … when the counts are small).
 */
export function countAxisMax(values: number[]): number {
  const need = Math.max(1, Math.max(0, ...values) / 5);
  for (let pow = 1; ; pow *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * pow;
      if (Number.isInteger(step) && step >= need) return step * 5;
    }
  }
}

/**
 * Enterprises by the form of the Party organisation covering them, and those with none (a ring). The
 * slices add up to the enterprises: 单独/联合组建 are the ones counted for 组织覆盖 (3+ 正式党员 on the
 * roster); those below three and 派驻 have their own slices (work coverage only, findings G-12).
 */
export function formRing(c: { enterprises: number; withOrg: number; single: number; joint: number; attached: number; dispatched: number; belowThree?: number }) {
  const below = c.belowThree ?? 0;
  return [
    { name: '单独组建', data: c.single },
    { name: '联合组建', data: c.joint },
    { name: '挂靠组建', data: c.attached },
    { name: '未达3名正式党员', data: below },
    { name: '派驻', data: c.dispatched },
    { name: '未建党组织', data: c.enterprises - c.withOrg - below - c.dispatched },
  ].filter((x) => x.data > 0);
}

/** Organisations per star count, five stars first (0 stars: below every band). */
export function starChart(byStars: { stars: number; branches: number }[]): ChartData {
  return {
    categories: byStars.map((r) => (r.stars > 0 ? `${r.stars}星` : '未达星级')),
    series: [{ name: '党组织数', data: byStars.map((r) => r.branches) }],
  };
}

/** '2026Q3' → '2026年第三季度' */
export function quarterName(q: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  return m ? `${m[1]}年第${'一二三四'[Number(m[2]) - 1]}季度` : q;
}

/** Splits a base64 file into upload pieces (the server takes at most `size` characters each). */
export function splitPieces(base64: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < base64.length; i += size) out.push(base64.slice(i, i + size));
  return out;
}

/**
 * Overall import progress 0–100: uploading counts for the first 40 %, writing rows for the rest.
 */
export function importProgress(p: { uploaded: number; pieces: number; done: number; valid: number | null }): number {
  const up = p.pieces > 0 ? p.uploaded / p.pieces : 0;
  const write = p.valid === null ? 0 : p.valid === 0 ? 1 : p.done / p.valid;
  return Math.round(40 * up + 60 * write);
}

export interface Change {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map(show).join('、') : '（空）';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** What an audit entry changed: the fields whose values differ, before → after (top level). */
export function auditChanges(before: unknown, after: unknown): Change[] {
  const asRecord = (v: unknown): Record<string, unknown> =>
    v === null || v === undefined ? {} : typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { 值: v };
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, before: show(b[k]), after: show(a[k]) }));
}

/** Labels of the functions and actions the audit log shows. */
export const AUDIT_FN_LABEL: Record<string, string> = {
  user: '用户',
  volunteer: '志愿服务',
  policy: '惠企政策',
  demand: '诉求',
  study: '党员学习',
  checkin: '签到',
  appointment: '服务团预约',
  admin: '管理后台',
  notify: '消息',
};

/** Chinese names of audited actions; an action not listed yet shows its code name. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
  grantRole: '授予角色',
  revokeRole: '撤销角色',
  approveMember: '审批入支部申请',
  createInvite: '生成企业邀请码',
  upsertVenue: '保存场所',
  createEvent: '创建签到活动',
  createTeam: '创建服务团',
  addExpert: '添加专家',
  pair: '建立结对',
  endPairing: '结束结对',
  createRovingDay: '发布巡回服务日',
  exportLedger: '导出台账',
  importEnterprises: '导入企业',
};

/** Roles an admin grants on the users page, in the order of its chips (G-14: 党建指导员 among them). */
export type Grantable = Exclude<Role, 'visitor'>;
export const GRANTABLE: Grantable[] = ['admin', 'member', 'secretary', 'instructor', 'expert', 'enterprise'];

/** Whether granting `role` needs a scope picked first: a branch, a team or an enterprise. Admins and 党建指导员 need none. */
export const grantNeedsScope = (role: Grantable): boolean => role !== 'admin' && role !== 'instructor';

/** `user.grantRole`'s params for a role and the picked scope. */
export function grantParams(openid: string, role: Grantable, scopeId: string): Record<string, string> {
  if (!grantNeedsScope(role)) return { openid, role };
  if (role === 'member' || role === 'secretary') return { openid, role, branchId: scopeId };
  if (role === 'expert') return { openid, role, teamId: scopeId };
  return { openid, role, enterpriseId: scopeId };
}
