/** Roles a caller can hold (PRODUCT.md → who uses it). Everyone is at least a visitor. */
export const ROLES = ['visitor', 'member', 'enterprise', 'expert', 'secretary', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  visitor: '群众/职工',
  member: '党员',
  enterprise: '企业联系人',
  expert: '服务专家',
  secretary: '支部书记',
  instructor: '党建指导员',
  admin: '党务管理员',
};
