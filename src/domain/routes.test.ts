import { isTabRoute, ROUTES } from './routes';

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
