import { isTabRoute, ROUTES, withQuery } from './routes';

describe('routes', () => {
  it('knows the tab pages (switchTab) from the rest (navigateTo)', () => {
    expect(isTabRoute(ROUTES.home)).toBe(true);
    expect(isTabRoute(`${ROUTES.mine}?x=1`)).toBe(true);
    expect(isTabRoute(ROUTES.applyMember)).toBe(false);
    expect(isTabRoute(ROUTES.demoLogin)).toBe(false);
  });

  it('puts the profile pages in the profile sub-package', () => {
    for (const r of [ROUTES.profileEdit, ROUTES.applyMember, ROUTES.redeemInvite, ROUTES.pendingMembers]) {
      expect(r.startsWith('/packages/profile/')).toBe(true);
    }
  });
});

describe('withQuery', () => {
  it('encodes the query and leaves out empty values', () => {
    expect(withQuery(ROUTES.policyDetail, { id: 'pol-1' })).toBe('/packages/policy/detail/index?id=pol-1');
    expect(withQuery(ROUTES.demandSubmit, { policyId: 'a b', title: '咨询', x: undefined, y: '' })).toBe(
      '/packages/demand/submit/index?policyId=a%20b&title=%E5%92%A8%E8%AF%A2',
    );
    expect(withQuery(ROUTES.policyList, {})).toBe(ROUTES.policyList);
  });

  it('puts policy pages in the policy sub-package and demand pages in the demand sub-package', () => {
    for (const [k, r] of Object.entries(ROUTES)) {
      if (k.startsWith('policy') || k === 'packageEdit') expect(r.startsWith('/packages/policy/')).toBe(true);
      if (k.startsWith('demand')) expect(r.startsWith('/packages/demand/')).toBe(true);
    }
  });
});
