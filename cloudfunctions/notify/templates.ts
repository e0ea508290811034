import { parseTemplateIds } from './templateIds';

/**
 * What each outbox template says: the title and lines shown in 消息中心, and the fields of the
 * WeChat subscribe-message template it is sent with in production. Template ids come from the
 * deployment (REDPARK_SUBSCRIBE_TEMPLATES = '{"bookingResult":"<tmplId>",…}'), because each
 * mini-program registers its own templates in the WeChat admin console.
 */
export interface TemplateSpec {
  title: string;
  /** Lines for 消息中心, from the row's data. */
  lines(d: Record<string, string>): string[];
  /**
   * WeChat template field → value, each valid for its keyword type (cloudfunctions/notify/wechatRules.ts; a test
   * checks every template in every state it is sent in): WeChat refuses the whole message (47003) for one
   * bad value, after the person's one-time grant is spent.
   */
  fields(d: Record<string, string>): Record<string, string>;
}

/** `thing`: at most 20 characters, never empty. */
const thing = (s: string | undefined) => {
  const v = (s ?? '').trim();
  return v ? Array.from(v).slice(0, 20).join('') : '无';
};

/** Status texts that are longer than a `phrase` (≤ 5 汉字, nothing else) allows, in their short form. */
const PHRASES: Record<string, string> = {
  服务已完成请评价: '已完成',
  已办结待评价: '已办结',
  逾期未补充已关闭: '已关闭',
  // Appointments people can move (issue 22: reschedule, leave, confirm deadline, no-shows).
  已改约自动确认: '已改约',
  已改约待您确认: '待确认',
  已改约并确认: '已确认',
  即将开始请尽快确认: '待确认',
  专家仍未确认请协调: '超时未确认',
  专家请假请改约: '请改约',
  专家已销假原预约有效: '预约有效',
  中心已为您登记请假: '已请假',
  记为未到场如有异议可申诉: '未到场',
  记为专家未到场: '专家未到',
  未到场申诉待处理: '待处理',
  未到场记录已核销: '已核销',
};

/** `phrase`: at most 5 汉字 and nothing else. */
const phrase = (s: string | undefined) => {
  const han = Array.from(s ?? '').filter((c) => /[\u3400-\u9fff]/.test(c)).join('');
  return (PHRASES[han] ?? han).slice(0, 5) || '已更新';
};

/**
 * `time`: WeChat's form of a park time or range (server/core/time.ts parkTime/parkRange): 24-hour
 * clock, optionally with its date, a range joined with "~" — `2026年12月07日 15:00~16:00`, or with the
 * end's full date when it falls on another day. Never cut: a cut range is not a time.
 */
const time = (s: string | undefined) => {
  const m = /^(\d{4})年(\d{2})月(\d{2})日 (\d{2}:\d{2})(?:–(?:(\d{2})月(\d{2})日 )?(\d{2}:\d{2}))?$/.exec((s ?? '').trim());
  if (!m) return (s ?? '').trim();
  const [, y, mo, d, hm, mo2, d2, hm2] = m;
  const start = `${y}年${mo}月${d}日 ${hm}`;
  if (!hm2) return start;
  if (!mo2) return `${start}~${hm2}`;
  const y2 = Number(mo2) < Number(mo) ? Number(y) + 1 : Number(y);
  return `${start}~${y2}年${mo2}月${d2}日 ${hm2}`;
};

/** `date`: a park day (YYYY-MM-DD) as WeChat shows dates, `2026年12月10日`. */
const date = (s: string | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((s ?? '').trim());
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : (s ?? '').trim();
};

const line = (label: string, v: string | undefined) => (v ? [`${label}：${v}`] : []);

export const TEMPLATES: Record<string, TemplateSpec> = {
  newBooking: {
    title: '新的预约',
    lines: (d) => [...line('企业', d.enterprise), ...line('事项', d.topic), ...line('时间', d.time), ...line('状态', d.state)],
    fields: (d) => ({ thing1: thing(d.enterprise), thing2: thing(d.topic), time3: time(d.time), phrase4: phrase(d.state) }),
  },
  bookingResult: {
    title: '预约进度',
    lines: (d) => [...line('专家', d.expert), ...line('时间', d.time), ...line('地点', d.place), ...line('状态', d.state)],
    fields: (d) => ({ thing1: thing(d.expert), time2: time(d.time), thing3: thing(d.place), phrase4: phrase(d.state) }),
  },
  appointmentReminder: {
    title: '预约提醒',
    lines: (d) => [...line('专家', d.expert), ...line('企业', d.enterprise), ...line('事项', d.topic), ...line('时间', d.time), ...line('地点', d.place)],
    fields: (d) => ({ thing1: thing(d.expert || d.enterprise), thing2: thing(d.topic), time3: time(d.time), thing4: thing(d.place) }),
  },
  demandAssigned: {
    title: '新的诉求待办理',
    lines: (d) => [...line('企业', d.enterprise), ...line('诉求', d.title), ...line('办理期限', d.due)],
    fields: (d) => ({ thing1: thing(d.enterprise), thing2: thing(d.title), date3: date(d.due) }),
  },
  demandProgress: {
    title: '诉求办理进度',
    lines: (d) => [...line('诉求', d.title), ...line('状态', d.state), ...line('办理人', d.handler), ...line('说明', d.note)],
    fields: (d) => ({ thing1: thing(d.title), phrase2: phrase(d.state), thing3: thing(d.handler), thing4: thing(d.note) }),
  },
  demandNew: {
    title: '新的诉求',
    lines: (d) => [...line('类型', d.kind), ...line('来自', d.enterprise), ...line('事项', d.title), ...line('提交时间', d.time), ...line('说明', d.note)],
    fields: (d) => ({ thing1: thing(d.enterprise), thing2: thing(d.title), phrase3: phrase(d.kind), time4: time(d.time) }),
  },
  demandDue: {
    title: '诉求即将到期',
    lines: (d) => [...line('诉求', d.title), ...line('来自', d.enterprise), ...line('到期时间', d.due), ...line('剩余', d.left)],
    fields: (d) => ({ thing1: thing(d.title), time2: time(d.due), thing3: thing(d.left) }),
  },
  demandOverdue: {
    title: '诉求逾期督办',
    lines: (d) => [...line('诉求', d.title), ...line('来自', d.enterprise), ...line('办理人', d.handler), ...line('逾期', d.over)],
    fields: (d) => ({ thing1: thing(d.title), thing2: thing(d.enterprise), thing3: thing(d.handler), thing4: thing(d.over) }),
  },
  volunteerPromoted: {
    title: '志愿活动候补成功',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('状态', d.state)],
    fields: (d) => ({ thing1: thing(d.title), time2: time(d.time), phrase3: phrase(d.state) }),
  },
  volunteerCancelled: {
    title: '志愿活动已取消',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('原因', d.reason)],
    fields: (d) => ({ thing1: thing(d.title), time2: time(d.time), thing3: thing(d.reason) }),
  },
  volunteerChanged: {
    title: '志愿活动变更',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('地点', d.place)],
    fields: (d) => ({ thing1: thing(d.title), time2: time(d.time), thing3: thing(d.place) }),
  },
  /** The day before a volunteer activity (volunteer/remind.ts). */
  volunteerReminder: {
    title: '志愿活动明日开始',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('地点', d.place)],
    fields: (d) => ({ thing1: thing(d.title), time2: time(d.time), thing3: thing(d.place) }),
  },
  /** A newly published policy matches the enterprise (policy/notices.ts). */
  policyMatched: {
    title: '新政策匹配提醒',
    lines: (d) => [...line('政策', d.title), ...line('企业', d.enterprise), ...line('发文单位', d.issuer), ...line('申报截止', d.deadline), ...line('说明', d.note)],
    fields: (d) => ({ thing1: thing(d.title), thing2: thing(d.issuer), thing3: thing(d.deadline ? date(d.deadline) : '常年受理'), thing4: thing(d.note) }),
  },
  /** A matched policy's 申报截止 is 7 days or 1 day away (policy/notices.ts). */
  policyDeadline: {
    title: '政策申报即将截止',
    lines: (d) => [...line('政策', d.title), ...line('企业', d.enterprise), ...line('申报截止', d.deadline), ...line('剩余', d.left)],
    fields: (d) => ({ thing1: thing(d.title), date2: date(d.deadline), thing3: thing(d.left) }),
  },
  bookingCancelled: {
    title: '预约已取消',
    lines: (d) => [...line('时间', d.time), ...line('原因', d.reason), ...line('取消方', d.by)],
    fields: (d) => ({ time1: time(d.time), thing2: thing(d.reason), thing3: thing(d.by) }),
  },
  /** To a branch secretary (party/remind.ts): 党费 unpaid last month, a 发展党员 step due. */
  partyReminder: {
    title: '党务待办提醒',
    lines: (d) => [...line('事项', d.topic), ...line('支部', d.branch), ...line('说明', d.detail), ...line('日期', d.day)],
    fields: (d) => ({ thing1: thing(d.topic), thing2: thing(d.branch), thing3: thing(d.detail), date4: date(d.day) }),
  },
  studyReminder: {
    title: '学习提醒',
    lines: (d) => [...line('学习小组', d.group), ...line('本月专题', d.topic), ...line('待完成', d.todo), ...line('截止', d.deadline)],
    fields: (d) => ({ thing1: thing(d.group), thing2: thing(d.topic), thing3: thing(d.todo), date4: date(d.deadlineDay) }),
  },
};

/** A template nobody registered still shows in 消息中心, with its data as lines. */
export function render(template: string, data: Record<string, string>): { title: string; lines: string[] } {
  const spec = TEMPLATES[template];
  if (spec) return { title: spec.title, lines: spec.lines(data) };
  return { title: data.title || '通知', lines: Object.entries(data).filter(([k]) => k !== 'title').map(([, v]) => v) };
}

/**
 * Template key → WeChat template id, from the deployment's environment: JSON, or
 * `key=id,key=id` (parsed by templateIds.ts, which the app shares). The second form exists because
 * @cloudbase/cli turns any string in cloudbaserc.json that parses as a JSON object into an object
 * (a function's variables must be strings), so `npm run deploy` converts the JSON form to it
 * (scripts/deploy.ts).
 */
export function templateIds(env = process.env.REDPARK_SUBSCRIBE_TEMPLATES): Record<string, string> {
  const ids = parseTemplateIds(env);
  if (ids) return ids;
  console.error('REDPARK_SUBSCRIBE_TEMPLATES is not JSON; subscribe messages are disabled');
  return {};
}
