/** Profile and membership wording and checks shared by several pages. */
import type { MemberStatus } from '../../server/core/schema';

export type { MemberStatus };

export const MEMBER_STATUS_LABEL: Record<MemberStatus, string> = {
  none: '未申请',
  pending: '待支部审核',
  approved: '已认证党员',
  rejected: '未通过审核',
};

export const MEMBER_STATUS_HINT: Record<MemberStatus, string> = {
  none: '如您是党员，可申请加入所在党支部，审核通过后即可参加支部学习。',
  pending: '您的申请已提交，请耐心等待支部书记审核。',
  approved: '您已是已认证党员，可参加支部学习与组织生活。',
  rejected: '您的申请未通过审核，可核对信息后重新申请，或联系支部书记。',
};

export function displayName(profile: { name?: string } | null | undefined): string {
  const n = profile?.name?.trim();
  return n ? n : '未填写姓名';
}

/** The first character for an avatar placeholder ("王"), or "访" for people without a name. */
export function avatarChar(profile: { name?: string } | null | undefined): string {
  const n = profile?.name?.trim();
  return n ? Array.from(n)[0] : '访';
}

export interface ProfileForm {
  name: string;
  phone: string;
  organisation: string;
}

export type ProfileErrors = Partial<Record<keyof ProfileForm, string>>;

/** Same rules as the server (cloudfunctions/user/updateProfile.ts), checked before sending. */
export function validateProfile(f: ProfileForm): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = f.name.trim();
  const phone = f.phone.trim();
  const org = f.organisation.trim();
  if (!name) errors.name = '请填写姓名';
  else if (Array.from(name).length > 20) errors.name = '姓名不超过 20 个字';
  if (phone && !/^1\d{10}$/.test(phone)) errors.phone = '请填写 11 位手机号';
  if (Array.from(org).length > 50) errors.organisation = '工作单位不超过 50 个字';
  return errors;
}

/** Only the fields that changed and are non-empty; the server refuses an empty update. */
export function profilePatch(before: Partial<ProfileForm>, f: ProfileForm): Partial<ProfileForm> {
  const patch: Partial<ProfileForm> = {};
  (['name', 'phone', 'organisation'] as const).forEach((k) => {
    const v = f[k].trim();
    if (v && v !== (before[k] ?? '').trim()) patch[k] = v;
  });
  return patch;
}

/** Invite codes are 6–12 letters or digits, case-insensitive (server upper-cases them). */
export function normaliseInviteCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function inviteCodeError(code: string): string | null {
  if (!code) return '请输入邀请码';
  if (!/^[A-Z0-9]{6,12}$/.test(code)) return '邀请码为 6–12 位字母或数字，请核对后重新输入';
  return null;
}

/** 138****5678 — the page shows a phone number without exposing it over someone's shoulder. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return '未填写';
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
