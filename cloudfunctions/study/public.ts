/** What other domains may use of study (党员学习): completion by group and its ledger, for the admin console. */
export { groupCompletion } from './groupCompletion';
export { studyCompletionLedger } from './ledger';
