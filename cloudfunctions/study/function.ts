/**
 * `study`: 党员学习 — study groups (joined from the WeChat group chat or by invite code), the
 * monthly topic (一月一专题) with 学习打卡 and 自学记录, 党建知识竞赛 quizzes graded on the
 * server, 大党课 attendance through check-in events, and each member's own progress.
 * This folder is the whole `study` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { home } from './home';
import { createGroup } from './createGroup';
import { getGroup } from './getGroup';
import { joinByCode } from './joinByCode';
import { joinByShare } from './joinByShare';
import { resetInviteCode } from './resetInviteCode';
import { setChatQr } from './setChatQr';
import { getChatQr } from './getChatQr';
import { removeMember } from './removeMember';
import { transferGroup } from './transferGroup';
import { renameGroup } from './renameGroup';
import { closeGroup } from './closeGroup';
import { unbindChat } from './unbindChat';
import { setTopic } from './setTopic';
import { getTopic } from './getTopic';
import { markRead } from './markRead';
import { getRecord } from './getRecord';
import { saveRecord } from './saveRecord';
import { completion } from './completion';
import { remind } from './remind';
import { listQuizzes } from './listQuizzes';
import { getQuiz } from './getQuiz';
import { startAttempt } from './startAttempt';
import { getAttempt } from './getAttempt';
import { submitAttempt } from './submitAttempt';
import { upsertQuiz } from './upsertQuiz';
import { upsertQuestion } from './upsertQuestion';
import { createLecture } from './createLecture';
import { myProgress } from './myProgress';
import { myLearningHours } from './myLearningHours';
import { branchLearningHours } from './branchLearningHours';

export const actions = {
  home,
  createGroup,
  getGroup,
  joinByCode,
  joinByShare,
  resetInviteCode,
  setChatQr,
  getChatQr,
  removeMember,
  transferGroup,
  renameGroup,
  closeGroup,
  unbindChat,
  setTopic,
  getTopic,
  markRead,
  getRecord,
  saveRecord,
  completion,
  remind,
  listQuizzes,
  getQuiz,
  startAttempt,
  getAttempt,
  submitAttempt,
  upsertQuiz,
  upsertQuestion,
  createLecture,
  myProgress,
  myLearningHours,
  branchLearningHours,
};

export const main = makeMain('study', actions);
