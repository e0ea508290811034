/**
 * When the app asks a person to accept subscribe messages ("moments"), and which templates it asks
 * for at each. WeChat shows the prompt only inside a tap and for at most three templates per request,
 * and one acceptance allows one message, so every recipient is asked at the taps they make anyway,
 * for the messages that tap leads to (who receives which template: cloudfunctions/notify/moments.test.ts,
 * from the producers in cloudfunctions/). Accepted ones are counted by `notify.grant`.
 *
 * Template keys are those of cloudfunctions/notify/templates.ts; their ids come from the one
 * deployment setting REDPARK_SUBSCRIBE_TEMPLATES (`key=id,…`), built into the app as
 * TARO_APP_SUBSCRIBE_TEMPLATES by `npm run upload` / `npm run preview` (scripts/wx-release.ts).
 */
import { parseTemplateIds } from '../../cloudfunctions/notify/templateIds';

/** Who is asked at a moment: the people the messages of its templates go to. */
export type Audience = 'enterprise' | 'expert' | 'handler' | 'admin' | 'citizen' | 'volunteer' | 'member' | 'secretary';

export interface Moment {
  audience: Audience;
  /** The tap(s), in the app's words. */
  taps: string;
  /** Template keys, at most 3 (WeChat's limit per request). */
  templates: readonly string[];
}

const EXPERT = ['newBooking', 'appointmentReminder', 'bookingCancelled'] as const;

export const MOMENTS = {
  /** 预约专家 → 确认预约. */
  book: { audience: 'enterprise', taps: '预约：确认预约', templates: ['bookingResult', 'appointmentReminder', 'bookingCancelled'] },
  /** 专家工作台 → 开启微信通知. */
  expertDesk: { audience: 'expert', taps: '专家工作台：开启微信通知', templates: EXPERT },
  /** 发布时段 → 发布. */
  publishSlots: { audience: 'expert', taps: '发布时段：发布', templates: EXPERT },
  /** The expert's booking page → 确认预约 / 完成服务. */
  expertBooking: { audience: 'expert', taps: '处理预约：确认预约、完成服务', templates: EXPERT },
  /** 待我办理 → a demand → 受理 / 记录进展 / 办结. */
  handleDemand: { audience: 'handler', taps: '待我办理：受理、记录进展、办结', templates: ['demandAssigned', 'demandDue', 'demandOverdue'] },
  /** 诉求管理 → 分派 / 重办 (the center hears of new demands, 不满意 ones and overdue ones). */
  adminDemands: { audience: 'admin', taps: '诉求管理：分派、重办', templates: ['demandNew', 'demandOverdue', 'demandDue'] },
  /** 投诉建议 → 提交 (anyone, with or without an enterprise). */
  fileComplaint: { audience: 'citizen', taps: '投诉建议：提交', templates: ['demandProgress'] },
  /** 提交诉求. */
  submitDemand: { audience: 'enterprise', taps: '提交诉求', templates: ['demandProgress'] },
  /** 红色代办: 申请代办 on a policy, 领取 a 惠企礼包 (both file a 代办 demand). */
  requestProxy: { audience: 'enterprise', taps: '申请红色代办、领取惠企礼包', templates: ['demandProgress'] },
  /** 立即报名 / 报名候补. */
  volunteerSignUp: { audience: 'volunteer', taps: '志愿活动：立即报名', templates: ['volunteerReminder', 'volunteerChanged', 'volunteerCancelled'] },
  /** 报名候补 (a full activity): being moved up matters most, then the day-before reminder. */
  volunteerWaitlist: { audience: 'volunteer', taps: '志愿活动：报名候补', templates: ['volunteerPromoted', 'volunteerReminder', 'volunteerChanged'] },
  /** 惠企政策 → 企业画像 保存 / 可享政策: new matching policies and matched deadlines (policy/notices.ts). */
  policyProfile: { audience: 'enterprise', taps: '惠企政策：保存企业画像、查看可享政策', templates: ['policyMatched', 'policyDeadline'] },
  /** 学习打卡, 保存自学记录. */
  study: { audience: 'member', taps: '学习：学习打卡、保存自学记录', templates: ['studyReminder'] },
  /** 支部工作 → 党费登记 保存 / 发展党员 推进步骤 (党费 unpaid, development steps due). */
  partyDesk: { audience: 'secretary', taps: '支部工作：保存党费登记、推进发展步骤', templates: ['partyReminder'] },
} as const satisfies Record<string, Moment>;

export type MomentName = keyof typeof MOMENTS;

/** The template ids to ask for at a moment: those of its templates this build has an id for, at most 3. */
export function idsAt(moment: MomentName, ids: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of MOMENTS[moment].templates) {
    const id = ids[key];
    if (id && !out.includes(id)) out.push(id);
  }
  return out.slice(0, 3);
}

/** The build's template ids (TARO_APP_SUBSCRIBE_TEMPLATES, `key=id,…` or JSON); none when unset or malformed. */
export function builtTemplateIds(raw: string | undefined): Record<string, string> {
  return parseTemplateIds(raw) ?? {};
}
