/**
 * `org`: the 五清 enterprise ledger, Party organisations and instructors, coverage figures,
 * organisation life records (三会一课, 主题党日), quarterly branch star ratings and the
 * 红星津贴 payout ledger they lead to (payouts.ts and its actions; collection allowancePayouts).
 * This folder is the whole `org` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 * Also runs on a timer (cloudbaserc.json → triggers `remind`, daily): 三会一课 reminders to
 * secretaries before a period ends (remind.ts).
 */
import { makeMain } from '../../server/core/main';
import { ledgerList } from './ledgerList';
import { getEnterprise } from './getEnterprise';
import { updateEnterprise } from './updateEnterprise';
import { createEnterprise } from './createEnterprise';
import { canonicaliseNames } from './canonicaliseNames';
import { enterpriseOptions } from './enterpriseOptions';
import { assignInstructor } from './assignInstructor';
import { listInstructors } from './listInstructors';
import { listOrgBranches } from './listOrgBranches';
import { upsertBranch } from './upsertBranch';
import { coverage } from './coverage';
import { listOrgLife } from './listOrgLife';
import { createOrgLife } from './createOrgLife';
import { getOrgLife } from './getOrgLife';
import { addAttendees } from './addAttendees';
import { removeAttendee } from './removeAttendee';
import { getRubric } from './getRubric';
import { updateRubric } from './updateRubric';
import { ratingSheet } from './ratingSheet';
import { branchRating } from './branchRating';
import { scoreItem } from './scoreItem';
import { finalizeRating } from './finalizeRating';
import { vetoRating } from './vetoRating';
import { revokeVeto } from './revokeVeto';
import { fileAppeal } from './fileAppeal';
import { answerAppeal } from './answerAppeal';
import { updateOrgLife } from './updateOrgLife';
import { withdrawOrgLife } from './withdrawOrgLife';
import { verifyOrgLife } from './verifyOrgLife';
import { pendingOrgLife } from './pendingOrgLife';
import { getOrgLifeRules } from './getOrgLifeRules';
import { updateOrgLifeRules } from './updateOrgLifeRules';
import { orgLifeBoard } from './orgLifeBoard';
import { remindOrgLife } from './remind';
import { generatePayouts } from './generatePayouts';
import { addPayoutRecipient } from './addPayoutRecipient';
import { decidePayout } from './decidePayout';
import { markPayoutPaid } from './markPayoutPaid';
import { listPayouts } from './listPayouts';
import { myPayouts } from './myPayouts';
import { exportPayouts } from './exportPayouts';

export const actions = {
  ledgerList,
  getEnterprise,
  updateEnterprise,
  createEnterprise,
  canonicaliseNames,
  enterpriseOptions,
  assignInstructor,
  listInstructors,
  listOrgBranches,
  upsertBranch,
  coverage,
  listOrgLife,
  createOrgLife,
  getOrgLife,
  addAttendees,
  removeAttendee,
  updateOrgLife,
  withdrawOrgLife,
  verifyOrgLife,
  pendingOrgLife,
  getOrgLifeRules,
  updateOrgLifeRules,
  orgLifeBoard,
  getRubric,
  updateRubric,
  ratingSheet,
  branchRating,
  scoreItem,
  finalizeRating,
  // 红星津贴 payout ledger (F-08)
  generatePayouts,
  addPayoutRecipient,
  decidePayout,
  markPayoutPaid,
  listPayouts,
  myPayouts,
  exportPayouts,
  // 一票否决 and the appeal window (F-13)
  vetoRating,
  revokeVeto,
  fileAppeal,
  answerAppeal,
};

export const main = makeMain('org', actions, { onTimer: async () => ({ orgLife: await remindOrgLife(new Date()) }) });
