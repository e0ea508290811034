/**
 * The demand state machine and its role rules, as data plus pure functions.
 *
 *   submitted ──accept──▶ accepted ──progress──▶ in_progress ──resolve──▶ resolved ──rate──▶ rated
 *       │                    └──────────resolve──────────────────────────▲    │  │
 *       └─cancel─▶ cancelled                      in_progress ◀──reopen───────┘  └─redo (不满意)─▶ reopened
 *   accepted | in_progress ──askInfo (handler)──▶ waiting_enterprise ──answerInfo (owner)──▶ in_progress
 *   assign (admin): submitted | accepted | in_progress | reopened → submitted, with a (new or the same)
 *   handler who must accept — for a reopened demand this is the 重办 the admin hands out.
 *
 * The service-level clock (./calendar.ts) runs in submitted, accepted, in_progress and reopened, and
 * stops in waiting_enterprise (the question is the enterprise's to answer) and once resolved.
 *
 * 投诉建议 (kind) are the center's own business: their owner is the person who filed them (any caller,
 * with or without an enterprise), and only admins see, handle or are assigned them.
 *
 * Who may act is decided against the DOCUMENT, not only the caller's roles: the handler of a demand is
 * whoever `handlerOpenid` names (an expert holding the role is not the handler of someone else's
 * demand), and the owner is any contact of the enterprise that filed it. The server turns each rule
 * into the filter of one conditional update (`where({ _id, state: _.in(from), handlerOpenid })`), so
 * a state check and the write are one atomic step; these functions explain a refusal and tell the app
 * which buttons to show. The router's role lists (HANDLER_ROLES …) are only the first, coarse gate.
 */
import type { Role } from '../../server/core/roles';
import type { DemandState } from './terms';

/**
 * Roles whose holders may be assigned demands: 党建指导员 (instructor), experts, and admins (the
 * center's own staff). Every handler action checks `handlerOpenid` on the document, never the role.
 */
export const HANDLER_ROLES = ['instructor', 'expert', 'admin'] as const satisfies readonly Role[];

export type DemandAction = 'assign' | 'accept' | 'progress' | 'askInfo' | 'answerInfo' | 'resolve' | 'rate' | 'redo' | 'reopen' | 'cancel';

/** The caller's relation to one demand. */
export type Party = 'owner' | 'handler' | 'admin';

export interface Transition {
  from: readonly DemandState[];
  to: DemandState;
  by: Party;
  /** Timeline wording. */
  label: string;
}

export const TRANSITIONS: Record<DemandAction, Transition> = {
  assign: { from: ['submitted', 'accepted', 'in_progress', 'reopened'], to: 'submitted', by: 'admin', label: '分派办理人' },
  accept: { from: ['submitted'], to: 'accepted', by: 'handler', label: '受理' },
  progress: { from: ['accepted', 'in_progress'], to: 'in_progress', by: 'handler', label: '办理进展' },
  askInfo: { from: ['accepted', 'in_progress'], to: 'waiting_enterprise', by: 'handler', label: '请企业补充材料' },
  answerInfo: { from: ['waiting_enterprise'], to: 'in_progress', by: 'owner', label: '补充说明' },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved', by: 'handler', label: '办结' },
  rate: { from: ['resolved'], to: 'rated', by: 'owner', label: '确认并评价' },
  redo: { from: ['resolved'], to: 'reopened', by: 'owner', label: '不满意，申请重办' },
  reopen: { from: ['resolved'], to: 'in_progress', by: 'owner', label: '未解决，重新办理' },
  cancel: { from: ['submitted'], to: 'cancelled', by: 'owner', label: '撤回' },
};

export const DEMAND_ACTIONS = Object.keys(TRANSITIONS) as DemandAction[];

export interface DemandRef {
  state: DemandState;
  enterpriseId: string;
  handlerOpenid: string | null;
  /** Only 投诉建议 change the rules; other kinds may leave these out. */
  kind?: string;
  submittedBy?: string;
}

export const COMPLAINT_KIND = '投诉建议';

export interface Viewer {
  openid: string;
  roles: readonly Role[];
  enterpriseId: string | null;
}

type Who = Pick<DemandRef, 'enterpriseId' | 'handlerOpenid' | 'kind' | 'submittedBy'>;

export function partiesOf(d: Who, v: Viewer): Party[] {
  const out: Party[] = [];
  const admin = v.roles.includes('admin');
  if (d.kind === COMPLAINT_KIND) {
    // Filed by a person, not an enterprise: other contacts of their enterprise do not see it, and only
    // admins handle it (an expert or 指导员 named as handler by mistake still sees nothing).
    if (d.submittedBy && d.submittedBy === v.openid) out.push('owner');
    if (d.handlerOpenid && d.handlerOpenid === v.openid && admin) out.push('handler');
  } else {
    if (v.roles.includes('enterprise') && v.enterpriseId && v.enterpriseId === d.enterpriseId) out.push('owner');
    if (d.handlerOpenid && d.handlerOpenid === v.openid && HANDLER_ROLES.some((r) => v.roles.includes(r))) out.push('handler');
  }
  if (admin) out.push('admin');
  return out;
}

/** Whether the viewer may see the demand at all (the enterprise sees its own, a handler those assigned). */
export function canView(d: Who, v: Viewer): boolean {
  return partiesOf(d, v).length > 0;
}

export function canDo(action: DemandAction, d: DemandRef, v: Viewer): boolean {
  const t = TRANSITIONS[action];
  return t.from.includes(d.state) && partiesOf(d, v).includes(t.by);
}

/** The buttons to show this viewer, in the order the page lays them out. */
export function availableActions(d: DemandRef, v: Viewer): DemandAction[] {
  return DEMAND_ACTIONS.filter((a) => canDo(a, d, v));
}

const WHO: Record<Party, string> = {
  owner: '只有提交诉求的企业可以这样做。',
  handler: '只有被分派的办理人可以这样做，如需协助请联系党群服务中心。',
  admin: '只有党务管理员可以分派诉求。',
};

/**
 * Why `action` is refused for a demand the viewer can see: FORBIDDEN when it is not theirs to do,
 * CONFLICT when the state has moved on (someone acted first, or the step does not apply now).
 * Null when it is allowed.
 */
export function refusal(action: DemandAction, d: DemandRef, v: Viewer): { code: 'FORBIDDEN' | 'CONFLICT'; message: string } | null {
  const t = TRANSITIONS[action];
  if (!partiesOf(d, v).includes(t.by)) return { code: 'FORBIDDEN', message: WHO[t.by] };
  if (!t.from.includes(d.state)) {
    return { code: 'CONFLICT', message: `该诉求当前状态不能“${t.label}”，请刷新后查看最新进展。` };
  }
  return null;
}
