/**
 * `party`: the 党总支's member ledgers (seed 001: 党员转接记录本、党费收缴登记本、党员发展档案资料) —
 * 党员花名册 (roster.ts, …), 组织关系转接 (transfers), 党费收缴登记 (dues), 发展党员 (development),
 * 民主评议党员 / 书记述职评议 / 先锋岗·示范岗 (review.ts).
 * This folder is the whole `party` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts; tests beside (*.test.ts); other domains see only
 * public.ts. Secretaries act for the branch whose `secretaryOpenid` they are at the time of the call;
 * admins for all. Also runs on a timer (cloudbaserc.json → triggers `remind`, daily): reminders of
 * unpaid 党费 and due 发展 steps to secretaries (remind.ts).
 */
import { makeMain } from '../../server/core/main';
// 党员花名册 and 组织关系转接 (issue 20)
import { listMembers } from './listMembers';
import { getMember } from './getMember';
import { upsertMember } from './upsertMember';
import { myMembership } from './myMembership';
import { transferIn } from './transferIn';
import { requestTransfer } from './requestTransfer';
import { decideTransfer } from './decideTransfer';
import { cancelTransfer } from './cancelTransfer';
import { transferOut } from './transferOut';
import { listTransfers } from './listTransfers';
import { migrateMembers } from './migrateMembers';
import { embedStretches } from './embedStretches';
import { exportRoster } from './exportRoster';
import { importRoster } from './importRoster';
// 党费收缴登记 (issue 20)
import { setDues } from './setDues';
import { markPaid, unmarkPaid } from './markPaid';
import { setDuesForMonth } from './setDuesForMonth';
import { duesMonth } from './duesMonth';
import { duesSummary } from './duesSummary';
import { exportDuesBook } from './exportDuesBook';
// 发展党员 (issue 20)
import { createDevelopment } from './createDevelopment';
import { advanceDevelopment } from './advanceDevelopment';
import { setDevelopmentContacts } from './setDevelopmentContacts';
import { withdrawDevelopment } from './withdrawDevelopment';
import { listDevelopment } from './listDevelopment';
import { developmentDue } from './developmentDue';
import { developmentFile } from './developmentFile';
// 民主评议党员, 书记述职评议, 先锋岗/示范岗 (issue 21)
import { setReview } from './setReview';
import { setWarningTalk } from './setWarningTalk';
import { closeReview } from './closeReview';
import { listReviews } from './listReviews';
import { myReviews } from './myReviews';
import { exportReviews } from './exportReviews';
import { setDebrief } from './setDebrief';
import { rateDebrief } from './rateDebrief';
import { listDebriefs } from './listDebriefs';
import { setPost, removePost } from './setPost';
import { listPosts } from './listPosts';
import { remindAll } from './remind';

export const actions = {
  // 党员花名册 and 组织关系转接
  listMembers,
  getMember,
  upsertMember,
  myMembership,
  transferIn,
  requestTransfer,
  decideTransfer,
  cancelTransfer,
  transferOut,
  listTransfers,
  migrateMembers,
  embedStretches,
  exportRoster,
  importRoster,
  // 党费收缴登记
  setDues,
  markPaid,
  unmarkPaid,
  setDuesForMonth,
  duesMonth,
  duesSummary,
  exportDuesBook,
  // 发展党员
  createDevelopment,
  advanceDevelopment,
  setDevelopmentContacts,
  withdrawDevelopment,
  listDevelopment,
  developmentDue,
  developmentFile,
  // 民主评议党员 (三评议), 书记述职评议, 先锋岗/示范岗
  setReview,
  setWarningTalk,
  closeReview,
  listReviews,
  myReviews,
  exportReviews,
  setDebrief,
  rateDebrief,
  listDebriefs,
  setPost,
  removePost,
  listPosts,
};

export const main = makeMain('party', actions, { onTimer: async () => remindAll(new Date()) });
