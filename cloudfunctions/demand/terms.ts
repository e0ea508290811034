/**
 * The closed vocabularies of 诉求 / 红色代办, shared by the server's validation and the app's forms
 * and labels (no imports: the app bundles this file as it is).
 */
export const DEMAND_CATEGORIES = ['政策咨询', '融资', '用工', '法律', '审批代办', '其他'] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

/** 诉求: a question or problem; 代办: the center handles an application on the enterprise's behalf. */
export const DEMAND_KINDS = ['诉求', '代办'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];

export const CONTACT_WAYS = ['电话联系', '微信联系', '上门面谈', '到中心窗口'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];

export const DEMAND_STATES = ['submitted', 'accepted', 'in_progress', 'resolved', 'rated', 'cancelled'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

/** States in which a demand still needs work (counted as overdue once past its due day). */
export const OPEN_STATES: readonly DemandState[] = ['submitted', 'accepted', 'in_progress'];
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
  if (state === 'accepted' || state === 'in_progress') return 'doing';
  if (state === 'cancelled') return 'off';
  return 'done';
}

export const SCORE_LABEL: Record<number, string> = { 1: '很不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' };
