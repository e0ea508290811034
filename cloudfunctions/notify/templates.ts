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
  /** WeChat template field → value, each trimmed to the platform's 20-character `thing` limit. */
  fields(d: Record<string, string>): Record<string, string>;
}

const t20 = (s: string | undefined) => (s ?? '').slice(0, 20);
const line = (label: string, v: string | undefined) => (v ? [`${label}：${v}`] : []);

export const TEMPLATES: Record<string, TemplateSpec> = {
  newBooking: {
    title: '新的预约',
    lines: (d) => [...line('企业', d.enterprise), ...line('事项', d.topic), ...line('时间', d.time), ...line('状态', d.state)],
    fields: (d) => ({ thing1: t20(d.enterprise), thing2: t20(d.topic), time3: t20(d.time), phrase4: t20(d.state) }),
  },
  bookingResult: {
    title: '预约进度',
    lines: (d) => [...line('专家', d.expert), ...line('时间', d.time), ...line('地点', d.place), ...line('状态', d.state)],
    fields: (d) => ({ thing1: t20(d.expert), time2: t20(d.time), thing3: t20(d.place), phrase4: t20(d.state) }),
  },
  appointmentReminder: {
    title: '预约提醒',
    lines: (d) => [...line('专家', d.expert), ...line('企业', d.enterprise), ...line('事项', d.topic), ...line('时间', d.time), ...line('地点', d.place)],
    fields: (d) => ({ thing1: t20(d.expert || d.enterprise), thing2: t20(d.topic), time3: t20(d.time), thing4: t20(d.place) }),
  },
  demandAssigned: {
    title: '新的诉求待办理',
    lines: (d) => [...line('企业', d.enterprise), ...line('诉求', d.title), ...line('办理期限', d.due)],
    fields: (d) => ({ thing1: t20(d.enterprise), thing2: t20(d.title), date3: t20(d.due) }),
  },
  demandProgress: {
    title: '诉求办理进度',
    lines: (d) => [...line('诉求', d.title), ...line('状态', d.state), ...line('办理人', d.handler), ...line('说明', d.note)],
    fields: (d) => ({ thing1: t20(d.title), phrase2: t20(d.state), thing3: t20(d.handler), thing4: t20(d.note) }),
  },
  volunteerPromoted: {
    title: '志愿活动候补成功',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('状态', d.state)],
    fields: (d) => ({ thing1: t20(d.title), time2: t20(d.time), phrase3: t20(d.state) }),
  },
  volunteerCancelled: {
    title: '志愿活动已取消',
    lines: (d) => [...line('活动', d.title), ...line('时间', d.time), ...line('原因', d.reason)],
    fields: (d) => ({ thing1: t20(d.title), time2: t20(d.time), thing3: t20(d.reason) }),
  },
  bookingCancelled: {
    title: '预约已取消',
    lines: (d) => [...line('时间', d.time), ...line('原因', d.reason), ...line('取消方', d.by)],
    fields: (d) => ({ time1: t20(d.time), thing2: t20(d.reason), thing3: t20(d.by) }),
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
 * `key=id,key=id`. The second form exists because @cloudbase/cli turns any string in
 * cloudbaserc.json that parses as a JSON object into an object (a function's variables must be
 * strings), so `npm run deploy` converts the JSON form to it (scripts/deploy.ts).
 */
export function templateIds(env = process.env.REDPARK_SUBSCRIBE_TEMPLATES): Record<string, string> {
  if (!env) return {};
  if (!env.trim().startsWith('{')) {
    const pairs = env.split(',').map((p) => p.split('=').map((s) => s.trim()));
    return Object.fromEntries(pairs.filter((p): p is [string, string] => p.length === 2 && !!p[0] && !!p[1]));
  }
  try {
    const parsed = JSON.parse(env) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && !!e[1]));
  } catch {
    console.error('REDPARK_SUBSCRIBE_TEMPLATES is not JSON; subscribe messages are disabled');
    return {};
  }
}
