/**
 * Role helpers for the UI. The server is the authority on who may do what; these only
 * decide what to show. Labels match server/core/roles.ts (the server also sends them).
 */
import { ROLE_LABEL, type Role } from '../../server/core/roles';

export type { Role };
export { ROLE_LABEL };

/** Most significant first, for badges. */
const ROLE_ORDER: Role[] = ['admin', 'secretary', 'member', 'expert', 'enterprise', 'visitor'];

export interface RoleBadge {
  role: Role;
  label: string;
  /** Highlighted (Party red) badges for Party roles, plain for the rest. */
  tone: 'party' | 'plain';
}

/**
 * Badges for a person: every role they hold, labelled with the server's label when given.
 * 'visitor' is only shown when it is the only role (everyone is a visitor).
 */
export function roleBadges(roles: readonly Role[], labels?: readonly string[]): RoleBadge[] {
  const labelOf = new Map<Role, string>();
  roles.forEach((r, i) => labelOf.set(r, labels?.[i] || ROLE_LABEL[r] || r));
  const unique = ROLE_ORDER.filter((r) => labelOf.has(r));
  const shown = unique.length > 1 ? unique.filter((r) => r !== 'visitor') : unique;
  if (shown.length === 0) return [{ role: 'visitor', label: ROLE_LABEL.visitor, tone: 'plain' }];
  return shown.map((role) => ({
    role,
    label: labelOf.get(role)!,
    tone: role === 'admin' || role === 'secretary' || role === 'member' ? 'party' : 'plain',
  }));
}

export const hasRole = (roles: readonly Role[], role: Role): boolean => roles.includes(role);
export const isMember = (roles: readonly Role[]): boolean => hasRole(roles, 'member');
export const canApproveMembers = (roles: readonly Role[]): boolean =>
  hasRole(roles, 'secretary') || hasRole(roles, 'admin');
export const isEnterprise = (roles: readonly Role[]): boolean => hasRole(roles, 'enterprise');
/** Holds a role demands can be assigned to (cloudfunctions/demand/machine.ts → HANDLER_ROLES). */
export const isHandler = (roles: readonly Role[]): boolean => hasRole(roles, 'expert') || hasRole(roles, 'admin');
