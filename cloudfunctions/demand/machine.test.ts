import { availableActions, canDo, canView, DEMAND_ACTIONS, partiesOf, refusal, TRANSITIONS, type DemandAction, type Viewer } from './machine';
import { DEMAND_STATES, stateLabel, type DemandState } from './terms';

const owner: Viewer = { openid: 'contact-a', roles: ['visitor', 'enterprise'], enterpriseId: 'ent-a' };
const otherEnterprise: Viewer = { openid: 'contact-b', roles: ['visitor', 'enterprise'], enterpriseId: 'ent-b' };
const handler: Viewer = { openid: 'expert-1', roles: ['visitor', 'expert'], enterpriseId: null };
const otherExpert: Viewer = { openid: 'expert-2', roles: ['visitor', 'expert'], enterpriseId: null };
const admin: Viewer = { openid: 'admin-1', roles: ['visitor', 'admin'], enterpriseId: null };
const adminHandler: Viewer = { openid: 'admin-2', roles: ['visitor', 'admin'], enterpriseId: null };
const visitor: Viewer = { openid: 'v', roles: ['visitor'], enterpriseId: null };

const demand = (state: DemandState, handlerOpenid: string | null = 'expert-1') => ({ state, enterpriseId: 'ent-a', handlerOpenid });

/** The full table: state → who may do what. Everything not listed is refused. */
const ALLOWED: Record<DemandState, Partial<Record<DemandAction, Viewer>>> = {
  submitted: { assign: admin, accept: handler, cancel: owner },
  accepted: { assign: admin, progress: handler, askInfo: handler, resolve: handler },
  in_progress: { assign: admin, progress: handler, askInfo: handler, resolve: handler },
  waiting_enterprise: { answerInfo: owner },
  resolved: { rate: owner, redo: owner, reopen: owner },
  reopened: { assign: admin },
  rated: {},
  cancelled: {},
};

describe('state machine', () => {
  const viewers = { owner, otherEnterprise, handler, otherExpert, admin, visitor };
  for (const state of DEMAND_STATES) {
    test(`in ${state} only the listed party may act`, () => {
      for (const action of DEMAND_ACTIONS) {
        for (const [name, v] of Object.entries(viewers)) {
          const expected = ALLOWED[state][action] === v;
          expect([state, action, name, canDo(action, demand(state), v)]).toEqual([state, action, name, expected]);
        }
      }
    });
  }

  test('every_transition_lands_in_a_known_state_and_the_finished_states_are_final', () => {
    for (const t of Object.values(TRANSITIONS)) {
      expect(DEMAND_STATES).toContain(t.to);
      expect(t.from).not.toContain('rated');
      expect(t.from).not.toContain('cancelled');
    }
  });

  test('reopen_goes_back_to_in_progress_with_the_same_handler_and_assign_waits_for_a_new_acceptance', () => {
    expect(TRANSITIONS.reopen.to).toBe('in_progress');
    expect(TRANSITIONS.assign.to).toBe('submitted');
    expect(canDo('progress', demand('in_progress'), handler)).toBe(true);
  });
});

describe('role rules are checked on the document', () => {
  test('an_expert_is_not_the_handler_of_a_demand_assigned_to_someone_else', () => {
    expect(partiesOf(demand('submitted'), otherExpert)).toEqual([]);
    expect(canView(demand('submitted'), otherExpert)).toBe(false);
    expect(refusal('accept', demand('submitted'), otherExpert)?.code).toBe('FORBIDDEN');
  });

  test('an_unassigned_demand_has_no_handler_yet', () => {
    expect(canDo('accept', demand('submitted', null), handler)).toBe(false);
    expect(availableActions(demand('submitted', null), admin)).toEqual(['assign']);
  });

  test('an_admin_assigned_as_handler_handles_it_and_still_administers', () => {
    const d = demand('submitted', 'admin-2');
    expect(partiesOf(d, adminHandler)).toEqual(['handler', 'admin']);
    expect(availableActions(d, adminHandler)).toEqual(['assign', 'accept']);
    // Another admin administers but does not handle.
    expect(availableActions(d, admin)).toEqual(['assign']);
  });

  test('the_enterprise_sees_only_its_own_demands_and_a_handler_role_alone_is_not_enough', () => {
    expect(canView(demand('submitted'), owner)).toBe(true);
    expect(canView(demand('submitted'), otherEnterprise)).toBe(false);
    expect(canView(demand('submitted'), visitor)).toBe(false);
    // Holding the openid without a handler role (role revoked) is not enough either.
    expect(partiesOf(demand('submitted'), { ...handler, roles: ['visitor'] })).toEqual([]);
  });

  test('refusal_says_conflict_when_the_state_moved_on_and_forbidden_when_it_is_not_theirs', () => {
    expect(refusal('accept', demand('accepted'), handler)).toEqual({ code: 'CONFLICT', message: expect.stringContaining('受理') });
    expect(refusal('rate', demand('resolved'), handler)).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('企业') });
    expect(refusal('rate', demand('resolved'), owner)).toBeNull();
  });
});

describe('投诉建议', () => {
  const complaint = (handlerOpenid: string | null) => ({ state: 'submitted' as const, enterpriseId: '', handlerOpenid, kind: '投诉建议', submittedBy: 'v' });

  test('a_complaint_is_seen_by_the_person_who_filed_it_and_by_admins_only', () => {
    expect(canView(complaint(null), visitor)).toBe(true);
    expect(canView(complaint(null), admin)).toBe(true);
    for (const other of [owner, otherEnterprise, handler]) expect(canView(complaint('expert-1'), other)).toBe(false);
  });

  test('only_an_admin_named_as_handler_handles_a_complaint', () => {
    expect(partiesOf(complaint('admin-2'), adminHandler)).toEqual(['handler', 'admin']);
    expect(partiesOf(complaint('expert-1'), handler)).toEqual([]);
    expect(availableActions(complaint(null), visitor)).toEqual(['cancel']);
  });
});

describe('labels', () => {
  test('a_submitted_demand_reads_as_waiting_for_assignment_until_it_has_a_handler', () => {
    expect(stateLabel('submitted', false)).toBe('待分派');
    expect(stateLabel('submitted', true)).toBe('待受理');
    expect(stateLabel('resolved', true)).toBe('已办结待评价');
  });
});
