/** `user`: who the caller is, their consent and profile, and how roles are obtained. */
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
