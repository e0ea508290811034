/** What other domains may use of study (党员学习): completion by group and its ledger, for the admin console. */
export { groupCompletion, GROUP_MONTHS_MAX } from './groupCompletion';
export { studyCompletionLedger } from './ledger';

/** Document types of this domain's collections (server/collections.ts maps them). */
export type { StudyGroupDoc, StudyChatDoc, StudyMemberDoc, StudyMaterial, StudyTopicDoc, StudyProgressDoc, StudyRecordDoc, StudyActivityDoc, StudyFileDoc, QuizQuestionType, QuizQuestionDoc, QuizDoc, QuizAttemptDoc } from './docs';
/** Who finished each month's topic of their own branch's group (the star rating's 学习完成率). */
export { branchStudyFinished, type BranchStudy } from './branchFinished';
