/** What other domains may use of user: invite codes (study groups draw theirs the same way). */
export { newInviteCode } from './createInvite';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { InviteDoc, ParkDoc } from './docs';
