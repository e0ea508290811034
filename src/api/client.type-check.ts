/**
 * Compile-time checks of the typed client (checked by `tsc`, never bundled or run):
 * function and action names come from the back end's tables, params and results from
 * their zod schemas and handlers.
 */
import type { call } from './client';

declare const c: typeof call;

export async function typeChecks() {
  const me = await c('user', 'me', {});
  const roles: string[] = me.roles;
  const status: 'none' | 'pending' | 'approved' | 'rejected' = me.memberStatus;
  const branches = await c('user', 'listBranches', {});
  const firstName: string | undefined = branches[0]?.name;
  await c('user', 'updateProfile', { name: '张三' });
  await c('user', 'approveMember', { openid: 'x', approve: true });

  // @ts-expect-error unknown function
  await c('nope', 'me', {});
  // @ts-expect-error unknown action
  await c('user', 'nope', {});
  // @ts-expect-error wrong param type
  await c('user', 'approveMember', { openid: 'x', approve: 'yes' });
  // @ts-expect-error missing required param
  await c('user', 'redeemInvite', {});
  // @ts-expect-error result has no such field
  void me.password;

  return { roles, status, firstName };
}
