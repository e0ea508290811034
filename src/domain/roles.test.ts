import { canApproveMembers, isEnterprise, isMember, ROLE_LABEL, roleBadges } from './roles';

describe('roleBadges', () => {
  it('labels every role in Chinese, most significant first, using the server labels', () => {
    const b = roleBadges(['visitor', 'member', 'secretary'], ['群众/职工', '党员', '支部书记']);
    expect(b.map((x) => x.label)).toEqual(['支部书记', '党员']);
    expect(b.every((x) => x.tone === 'party')).toBe(true);
  });

  it('shows 党务管理员 for an admin', () => {
    expect(roleBadges(['admin']).map((x) => x.label)).toEqual(['党务管理员']);
  });

  it('shows 群众/职工 when visitor is the only role, and for no roles at all', () => {
    expect(roleBadges(['visitor'])).toEqual([{ role: 'visitor', label: '群众/职工', tone: 'plain' }]);
    expect(roleBadges([])).toEqual([{ role: 'visitor', label: '群众/职工', tone: 'plain' }]);
  });

  it('falls back to local labels and de-duplicates', () => {
    const b = roleBadges(['enterprise', 'expert', 'enterprise']);
    expect(b.map((x) => x.label)).toEqual(['服务专家', '企业联系人']);
    expect(b.every((x) => x.tone === 'plain')).toBe(true);
  });

  it('has a Chinese label for every role', () => {
    for (const label of Object.values(ROLE_LABEL)) expect(label).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('role predicates', () => {
  it('members, approvers and enterprises', () => {
    expect(isMember(['visitor', 'member'])).toBe(true);
    expect(isMember(['visitor'])).toBe(false);
    expect(canApproveMembers(['secretary'])).toBe(true);
    expect(canApproveMembers(['admin'])).toBe(true);
    expect(canApproveMembers(['member', 'enterprise'])).toBe(false);
    expect(isEnterprise(['enterprise'])).toBe(true);
  });
});
