import { EMPTY_POLICY_FORM, policyParams, policyToForm, profilePatch, profileToForm, validatePolicyForm, validateProfileForm, type StoredPolicy } from './policy';

const profile = { industry: '生物医药', headcount: 88, annualRevenueWan: 6200, foundedAt: '2019-09-02', settledAt: '2019-10-15', qualifications: ['科技型中小企业'] };

describe('enterprise matching profile form', () => {
  it('sends only what changed, in the server shape', () => {
    const f = profileToForm(profile);
    expect(profilePatch(profile, f)).toEqual({});
    expect(profilePatch(profile, { ...f, headcount: '95', qualifications: ['科技型中小企业', '高新技术企业'] })).toEqual({
      headcount: 95,
      qualifications: ['科技型中小企业', '高新技术企业'],
    });
    // Same qualifications in another order are no change; clearing revenue clears it.
    expect(profilePatch({ ...profile, qualifications: ['高新技术企业', '专精特新'] }, { ...f, qualifications: ['专精特新', '高新技术企业'] })).toEqual({});
    expect(profilePatch(profile, { ...f, annualRevenueWan: '' })).toEqual({ annualRevenueWan: null });
  });

  it('checks numbers and days before sending', () => {
    const f = profileToForm(profile);
    expect(validateProfileForm(f, '2026-11-23')).toEqual({});
    const e = validateProfileForm({ ...f, industry: '', headcount: '八十', annualRevenueWan: '1.234', foundedAt: '2019/9/2', settledAt: '2027-01-01' }, '2026-11-23');
    expect(Object.keys(e).sort()).toEqual(['annualRevenueWan', 'foundedAt', 'headcount', 'industry', 'settledAt']);
  });
});

describe('admin policy form', () => {
  const stored: StoredPolicy = {
    title: '首次认定高新技术企业奖励', issuer: '苏州市科学技术局', docNo: '苏科资〔2026〕28号', level: '市', category: '资金补贴',
    summary: '对首次通过认定的高新技术企业给予一次性奖励。', benefits: '一次性奖励30万元。', conditions: '首次通过认定。',
    applyFrom: '2026-03-01', applyTo: null, issuedAt: '2026-03-01', sourceUrl: '',
    criteria: { qualificationsAll: ['高新技术企业'], headcount: { min: 10 } },
  };

  it('round-trips a stored policy through the form', () => {
    const params = policyParams(policyToForm(stored));
    expect(params).toEqual({ ...stored, criteria: { qualificationsAll: ['高新技术企业'], headcount: { min: 10 } } });
  });

  it('leaves empty conditions out and keeps one-sided ranges', () => {
    const f = { ...policyToForm(stored), headcountMin: '', revenueMax: '5000', qualificationsAll: [] as never[], settledWithinYears: '3' };
    expect(policyParams(f).criteria).toEqual({ revenueWan: { max: 5000 }, settledWithinYears: 3 });
  });

  it('names every wrong field', () => {
    const e = validatePolicyForm({ ...EMPTY_POLICY_FORM, title: '奖励', applyFrom: '2026-12-01', applyTo: '2026-01-01', headcountMin: '50', headcountMax: '10', sourceUrl: 'www.x.cn' });
    expect(e).toMatchObject({ title: expect.stringContaining('至少 4 个字'), level: '请选择政策层级', applyTo: '截止日期不能早于开始日期', headcountMax: '上限不能小于下限', sourceUrl: expect.any(String), issuedAt: expect.any(String) });
    expect(validatePolicyForm(policyToForm(stored))).toEqual({});
  });
});
