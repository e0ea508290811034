/** What other domains may use of user: invite codes (study groups draw theirs the same way). */
export { newInviteCode } from './createInvite';
