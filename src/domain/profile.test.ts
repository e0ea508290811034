import {
  avatarChar,
  displayName,
  inviteCodeError,
  maskPhone,
  MEMBER_STATUS_LABEL,
  normaliseInviteCode,
  profilePatch,
  validateProfile,
} from './profile';

describe('profile helpers', () => {
  it('names', () => {
    expect(displayName({ name: ' 王建国 ' })).toBe('王建国');
    expect(displayName({})).toBe('未填写姓名');
    expect(displayName(null)).toBe('未填写姓名');
    expect(avatarChar({ name: '李红梅' })).toBe('李');
    expect(avatarChar(undefined)).toBe('访');
  });

  it('validates like the server', () => {
    expect(validateProfile({ name: '', phone: '', organisation: '' })).toEqual({ name: '请填写姓名' });
    expect(validateProfile({ name: '张三', phone: '123', organisation: '' })).toEqual({ phone: '请填写 11 位手机号' });
    expect(validateProfile({ name: '张三', phone: '13800001234', organisation: '' })).toEqual({});
    expect(validateProfile({ name: '张'.repeat(21), phone: '', organisation: '单'.repeat(51) })).toEqual({
      name: '姓名不超过 20 个字',
      organisation: '工作单位不超过 50 个字',
    });
  });

  it('sends only changed, non-empty fields', () => {
    expect(profilePatch({ name: '张三' }, { name: '张三', phone: '', organisation: '' })).toEqual({});
    expect(profilePatch({ name: '张三', phone: '13800001234' }, { name: '张三丰', phone: '13800001234', organisation: ' 星河 ' })).toEqual({
      name: '张三丰',
      organisation: '星河',
    });
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(undefined)).toBe('未填写');
  });

  it('invite codes', () => {
    expect(normaliseInviteCode(' ab12 cd34 ')).toBe('AB12CD34');
    expect(inviteCodeError('')).toBe('请输入邀请码');
    expect(inviteCodeError('AB1')).toMatch(/6–12 位/);
    expect(inviteCodeError('AB12CD34')).toBeNull();
  });

  it('labels every member status', () => {
    expect(Object.keys(MEMBER_STATUS_LABEL).sort()).toEqual(['approved', 'none', 'pending', 'rejected']);
  });
});
