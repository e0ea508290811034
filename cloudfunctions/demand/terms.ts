/**
 * The closed vocabularies of 诉求 / 红色代办, shared by the server's validation and the app's forms
 * and labels (no imports: the app bundles this file as it is).
 */
/** What an enterprise files under (the 诉求 form's chips). */
export const DEMAND_CATEGORIES = ['政策咨询', '融资', '用工', '法律', '审批代办', '其他'] as const;
/**
 * 投诉建议 (国办函〔2026〕12号): anyone may file one, about anything including the center itself. Its own
 * category, kind and service class, seen only by admins and the person who filed it.
 */
export const COMPLAINT = '投诉建议' as const;
export type FilingCategory = (typeof DEMAND_CATEGORIES)[number];
export type DemandCategory = FilingCategory | typeof COMPLAINT;
/** Every category a demand can carry (admin filters, the service-level table). */
export const ALL_CATEGORIES = [...DEMAND_CATEGORIES, COMPLAINT] as const;

/**
 * 诉求: a question or problem; 代办: the center handles an application on the enterprise's behalf;
 * 投诉建议: a complaint or suggestion from anyone.
 */
export const DEMAND_KINDS = ['诉求', '代办', COMPLAINT] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const CONTACT_WAYS = ['电话联系', '微信联系', '上门面谈', '到中心窗口'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];

export const DEMAND_STATES = ['submitted', 'accepted', 'in_progress', 'waiting_enterprise', 'resolved', 'reopened', 'rated', 'cancelled'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

/**
 * States in which a demand still needs work. `waiting_enterprise` is open (nobody has solved it) but
 * its clock is paused; `reopened` is a 不满意 rating waiting for the center to pick the 重办 handler.
 */
export const OPEN_STATES: readonly DemandState[] = ['submitted', 'accepted', 'in_progress', 'waiting_enterprise', 'reopened'];
/** States in which the service-level clock runs (./sla.ts): the ball is in the center's court. */
export const RUNNING_STATES: readonly DemandState[] = ['submitted', 'accepted', 'in_progress', 'reopened'];
/**
 * States a demand never leaves: confirmed and rated, or withdrawn. Only these release a 代办 claim
 * (./claims.ts); `resolved` does not, since the enterprise may still reopen it.
 */
export const CLOSED_STATES: readonly DemandState[] = ['rated', 'cancelled'];
/** States that count as resolved in the figures (a reopened demand leaves them again). */
export const RESOLVED_STATES: readonly DemandState[] = ['resolved', 'rated'];

/** What the enterprise, the handler and the center read; a submitted demand without a handler is 待分派. */
export function stateLabel(state: DemandState, assigned: boolean): string {
  switch (state) {
    case 'submitted':
      return assigned ? '待受理' : '待分派';
    case 'accepted':
      return '已受理';
    case 'in_progress':
      return '办理中';
    case 'waiting_enterprise':
      return '待补充材料';
    case 'reopened':
      return '不满意待重办';
    case 'resolved':
      return '已办结待评价';
    case 'rated':
      return '已评价';
    case 'cancelled':
      return '已撤回';
  }
}

/** Tone of the state badge: open work is highlighted, finished work is calm. */
export function stateTone(state: DemandState): 'todo' | 'doing' | 'done' | 'off' {
  if (state === 'submitted') return 'todo';
  if (state === 'reopened') return 'todo';
  if (state === 'accepted' || state === 'in_progress' || state === 'waiting_enterprise') return 'doing';
  if (state === 'cancelled') return 'off';
  return 'done';
}

export const SCORE_LABEL: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' };

/** A rating at or below this is 不满意: it reopens the demand for 重办 and always gets a 回访. */
export const UNSATISFIED_MAX_SCORE = 2;

/**
 * Service classes (服务等级) and their default deadlines in working days (「125」/12345 style: 咨询 1,
 * 一般 5, 复杂 15; 投诉建议 10, the 晴隆 complaint norm). Admins change them per category in the
 * service-level table (./serviceLevels.ts); these hold until they do.
 */
export const SERVICE_CLASSES = ['咨询', '一般', '复杂', COMPLAINT] as const;
export type ServiceClass = (typeof SERVICE_CLASSES)[number];
export const DEFAULT_CLASS_DAYS: Record<ServiceClass, number> = { 咨询: 1, 一般: 5, 复杂: 15, 投诉建议: 10 };
export const DEFAULT_CATEGORY_CLASS: Record<DemandCategory, ServiceClass> = {
  政策咨询: '咨询',
  融资: '复杂',
  用工: '一般',
  法律: '一般',
  审批代办: '复杂',
  其他: '一般',
  投诉建议: COMPLAINT,
};
