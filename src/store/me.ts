/** The caller's `user.me`, shared by every page. */
import { call, hasIdentity, type Result } from '../api/client';
import { createResource } from '../domain/resource';

export type Me = Result<'user', 'me'>;

export const meResource = createResource<Me>(() => call('user', 'me', {}));

/** Re-reads `user.me` when a page shows (no-op in h5 before a demo identity is chosen). */
export function refreshMe(): Promise<void> {
  if (!hasIdentity()) return Promise.resolve();
  return meResource
    .load({ force: meResource.get().data !== undefined })
    .then(() => undefined)
    .catch(() => undefined);
}
