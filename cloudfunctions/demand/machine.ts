/**
 * The demand state machine and its role rules, as data plus pure functions.
 *
 *   submitted ──accept──▶ accepted ──progress──▶ in_progress ──resolve──▶ resolved ──rate──▶ rated
 *       │                    └──────────resolve──────────────────────────▲    │
 *       └─cancel─▶ cancelled                      in_progress ◀──reopen───────┘
 *   assign (admin): submitted | accepted | in_progress → submitted, with a (new) handler who must accept.
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
 * Roles whose holders may be assigned demands. PRODUCT.md names 党建指导员 (instructor) and experts;
 * there is no instructor role yet, so admins (the center's own staff) stand in. When the ledger work
 * adds 'instructor' to ROLES it is added here and nothing else changes, because every handler action
 * checks `handlerOpenid` on the document, never "is an expert".
 */
export const HANDLER_ROLES = ['expert', 'admin'] as const satisfies readonly Role[];

export type DemandAction = 'assign' | 'accept' | 'progress' | 'resolve' | 'rate' | 'reopen' | 'cancel';

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
  assign: { from: ['submitted', 'accepted', 'in_progress'], to: 'submitted', by: 'admin', label: '分派办理人' },
  accept: { from: ['submitted'], to: 'accepted', by: 'handler', label: '受理' },
  progress: { from: ['accepted', 'in_progress'], to: 'in_progress', by: 'handler', label: '办理进展' },
  resolve: { from: ['accepted', 'in_progress'], to: 'resolved', by: 'handler', label: '办结' },
  rate: { from: ['resolved'], to: 'rated', by: 'owner', label: '确认并评价' },
  reopen: { from: ['resolved'], to: 'in_progress', by: 'owner', label: '未解决，重新办理' },
  cancel: { from: ['submitted'], to: 'cancelled', by: 'owner', label: '撤回' },
};

export const DEMAND_ACTIONS = Object.keys(TRANSITIONS) as DemandAction[];

export interface DemandRef {
  state: DemandState;
  enterpriseId: string;
  handlerOpenid: string | null;
}

export interface Viewer {
  openid: string;
  roles: readonly Role[];
  enterpriseId: string | null;
}

export function partiesOf(d: Pick<DemandRef, 'enterpriseId' | 'handlerOpenid'>, v: Viewer): Party[] {
  const out: Party[] = [];
  if (v.roles.includes('enterprise') && v.enterpriseId && v.enterpriseId === d.enterpriseId) out.push('owner');
  if (d.handlerOpenid && d.handlerOpenid === v.openid && HANDLER_ROLES.some((r) => v.roles.includes(r))) out.push('handler');
  if (v.roles.includes('admin')) out.push('admin');
  return out;
}

/** Whether the viewer may see the demand at all (the enterprise sees its own, a handler those assigned). */
export function canView(d: Pick<DemandRef, 'enterpriseId' | 'handlerOpenid'>, v: Viewer): boolean {
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
