import { capabilities, DEFAULT_SERVICES, quickLinks, serviceMenu, studyView, type Viewer } from './menu';
import { ROUTES } from './routes';

const visitor: Viewer = { roles: ['visitor'], memberStatus: 'none', profile: {}, enterprise: null, park: null };
const member: Viewer = { roles: ['visitor', 'member'], memberStatus: 'approved', profile: { name: '张卫东' }, enterprise: null };
const secretary: Viewer = { ...member, roles: ['visitor', 'member', 'secretary'] };
const enterprise: Viewer = {
  roles: ['visitor', 'enterprise'],
  memberStatus: 'none',
  profile: { name: '赵敏' },
  enterprise: { id: 'ent-a', name: '苏州星河智能装备有限公司' },
};

describe('serviceMenu', () => {
  it('has the five center services, in order, when the park sets none', () => {
    const m = serviceMenu(visitor);
    expect(m.map((e) => e.title)).toEqual(['党务办理', '政策咨询', '培训学习', '活动开展', '红色代办']);
    expect(m.map((e) => e.glyph)).toEqual(['党', '策', '学', '活', '办']);
  });

  it("uses the park's own titles and descriptions when present", () => {
    const park = { services: [{ key: 'party', title: '党务服务', description: '组织关系转接' }, { key: 'x', title: '新服务', description: '' }] };
    const m = serviceMenu({ ...visitor, park });
    expect(m.map((e) => [e.title, e.glyph])).toEqual([['党务服务', '党'], ['新服务', '新']]);
    expect(m[1].target).toEqual({ kind: 'soon' });
  });

  it('政策咨询 opens the policies and 红色代办 the demands', () => {
    const m = serviceMenu(visitor);
    expect(m[1].target).toEqual({ kind: 'route', route: ROUTES.policyList });
    expect(m[4].target).toEqual({ kind: 'route', route: ROUTES.demandHome });
  });

  it('党务办理 leads non-members to the branch application, 培训学习 to the study tab, 活动开展 to 志愿服务', () => {
    const v = serviceMenu(visitor);
    expect(v[0].target).toEqual({ kind: 'route', route: ROUTES.applyMember });
    expect(v[2].target).toEqual({ kind: 'route', route: ROUTES.study });
    expect(v[3].target).toEqual({ kind: 'route', route: ROUTES.volunteer });
    expect(serviceMenu(member)[0].target).toEqual({ kind: 'soon' });
  });

  it('keeps the defaults in sync with the seeded keys', () => {
    expect(DEFAULT_SERVICES.map((s) => s.key)).toEqual(['party', 'policy', 'training', 'activity', 'proxy']);
  });
});

describe('capabilities', () => {
  it('lists the five capabilities; all but 场馆预约 are open', () => {
    const c = capabilities(visitor);
    expect(c.map((x) => x.title).sort()).toEqual(['场馆预约', '发展服务团预约', '志愿服务', '惠企政策', '诉求与红色代办'].sort());
    const byKey = Object.fromEntries(c.map((x) => [x.key, x.target]));
    expect(byKey.appointment).toEqual({ kind: 'route', route: ROUTES.appointment });
    expect(byKey.volunteer).toEqual({ kind: 'route', route: ROUTES.volunteer });
    expect(byKey.policy).toEqual({ kind: 'route', route: ROUTES.policyList });
    expect(byKey.demand).toEqual({ kind: 'route', route: ROUTES.demandHome });
    expect(c.filter((x) => !['appointment', 'volunteer', 'policy', 'demand'].includes(x.key)).every((x) => x.target.kind === 'soon')).toBe(true);
  });

  it('puts demands among the first for experts, who handle them', () => {
    const expert: Viewer = { ...visitor, roles: ['visitor', 'expert'] };
    expect(capabilities(expert).find((x) => x.key === 'demand')!.forYou).toBe(true);
    expect(capabilities(visitor).find((x) => x.key === 'demand')!.forYou).toBe(false);
  });

  it('puts enterprise services first for enterprise contacts', () => {
    const keys = capabilities(visitor).map((x) => x.key);
    expect(keys.slice(0, 2)).toEqual(['volunteer', 'policy']);
    expect(capabilities(enterprise).every((x) => x.forYou)).toBe(true);
  });
});

describe('quickLinks', () => {
  it('asks a new visitor to fill in the profile, join a branch, bind an enterprise', () => {
    expect(quickLinks(visitor).map((l) => l.key)).toEqual(['profile', 'member', 'invite', 'call']);
  });

  it('shows the approval queue to secretaries and nothing about joining to members', () => {
    const keys = quickLinks(secretary).map((l) => l.key);
    expect(keys).toContain('pending');
    expect(keys).not.toContain('member');
    expect(keys).not.toContain('profile');
  });

  it('points a pending applicant to the progress, not the form', () => {
    const l = quickLinks({ ...visitor, memberStatus: 'pending' }).find((x) => x.key === 'member')!;
    expect(l.target).toEqual({ kind: 'route', route: ROUTES.mine });
  });

  it('gives admins the check-in tools and nobody else', () => {
    const admin: Viewer = { ...member, roles: ['visitor', 'admin'] };
    expect(quickLinks(admin).map((l) => l.key)).toEqual(expect.arrayContaining(['kiosk', 'venues', 'events', 'checkin-stats']));
    expect(quickLinks(admin).find((l) => l.key === 'kiosk')!.target).toEqual({ kind: 'route', route: ROUTES.checkinKiosk });
    expect(quickLinks(secretary).map((l) => l.key)).not.toContain('kiosk');
  });

  it('does not offer the invite code to an enterprise contact, but the service teams', () => {
    expect(quickLinks(enterprise).map((l) => l.key)).not.toContain('invite');
    expect(quickLinks(enterprise).find((l) => l.key === 'appointment')!.target).toEqual({ kind: 'route', route: ROUTES.appointment });
  });

  it('takes members to their monthly study and no one else', () => {
    expect(quickLinks(member).find((l) => l.key === 'study')!.target).toEqual({ kind: 'route', route: ROUTES.study });
    expect(quickLinks(visitor).map((l) => l.key)).not.toContain('study');
  });

  it('gives experts their workbench', () => {
    expect(quickLinks({ ...visitor, roles: ['visitor', 'expert'] }).find((l) => l.key === 'expert')!.target).toEqual({ kind: 'route', route: ROUTES.apptExpert });
  });

  it('offers an enterprise contact 可享政策, and nobody else', () => {
    expect(quickLinks(enterprise).find((l) => l.key === 'match')!.target).toEqual({ kind: 'route', route: ROUTES.policyMatch });
    expect(quickLinks(visitor).map((l) => l.key)).not.toContain('match');
  });
});

describe('studyView', () => {
  it('members study, pending applicants wait, the rest are told how to apply', () => {
    expect(studyView(member)).toBe('member');
    expect(studyView({ roles: ['visitor'], memberStatus: 'pending' })).toBe('pending');
    expect(studyView(visitor)).toBe('apply');
    expect(studyView({ roles: ['visitor'], memberStatus: 'rejected' })).toBe('apply');
  });
});
