/**
 * `user`: who the caller is, their consent and profile, and how roles are obtained.
 * This folder is the whole `user` domain: one file per action below (zod params beside the
 * handler), its rules, the privacy erase (erase.ts, refusal.ts, pseudonym.ts), document types in
 * docs.ts; tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { me } from './me';
import { acceptPrivacy } from './acceptPrivacy';
import { updateProfile } from './updateProfile';
import { redeemInvite } from './redeemInvite';
import { listBranches } from './listBranches';
import { applyMember } from './applyMember';
import { pendingMembers } from './pendingMembers';
import { approveMember } from './approveMember';
import { grantRole } from './grantRole';
import { revokeRole } from './revokeRole';
import { createInvite } from './createInvite';
import { myData } from './myData';
import { deleteMyData } from './deleteMyData';

export const actions = {
  me,
  acceptPrivacy,
  updateProfile,
  redeemInvite,
  listBranches,
  applyMember,
  pendingMembers,
  approveMember,
  grantRole,
  revokeRole,
  createInvite,
  myData,
  deleteMyData,
};

export const main = makeMain('user', actions);
