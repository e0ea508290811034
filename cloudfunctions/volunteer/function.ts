/**
 * `volunteer`: 志愿服务 — teams and their activities, sign-up that never overbooks (places and a
 * waitlist moved by atomic updates, seats.ts), cancel with promotion, sign-in and sign-out with
 * the activity's rotating code (through checkin.scan, attendance.ts), hours,
 * rankings, rosters and no-shows, and verifiable hours certificates.
 * This folder is the whole `volunteer` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts, figures in figures.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { listTeams } from './listTeams';
import { listActivities } from './listActivities';
import { getActivity } from './getActivity';
import { signUp } from './signUp';
import { cancel } from './cancel';
import { myRegistrations } from './myRegistrations';
import { myHours } from './myHours';
import { teamRanking } from './teamRanking';
import { createTeam } from './createTeam';
import { createActivity } from './createActivity';
import { updateActivity } from './updateActivity';
import { closeActivity } from './closeActivity';
import { cancelActivity } from './cancelActivity';
import { roster } from './roster';
import { exportRoster } from './exportRoster';
import { settleHours } from './settleHours';
import { markNoShows } from './markNoShows';
import { pendingHours } from './pendingHours';
import { issueCertificate } from './issueCertificate';
import { verifyCertificate } from './verifyCertificate';
import { reconcile, reconcileRecent } from './reconcile';
import { markDueNoShows } from './rosterData';
import { excuseNoShow } from './excuseNoShow';
import { revokeCertificate } from './revokeCertificate';
import { remindTomorrow } from './remind';

export const actions = {
  // anyone
  listTeams,
  listActivities,
  getActivity,
  signUp,
  cancel,
  myRegistrations,
  myHours,
  teamRanking,
  issueCertificate,
  verifyCertificate,
  // admin (organisers)
  createTeam,
  createActivity,
  updateActivity,
  closeActivity,
  cancelActivity,
  roster,
  exportRoster,
  settleHours,
  markNoShows,
  excuseNoShow,
  pendingHours,
  reconcile,
  revokeCertificate,
};

/**
 * The timer trigger (cloudbaserc.json → triggers `reconcile`, every 10 minutes; locally the
 * gateway's 30-second timer) marks the no-shows of activities that ended (rosterData.ts), repairs
 * place counters a dead call left off their rows (核对名额), and queues the day-before reminders
 * (remind.ts, once per person and activity day).
 */
export const main = makeMain('volunteer', actions, {
  onTimer: async () => {
    const now = new Date();
    const noShows = await markDueNoShows(now);
    const reminders = await remindTomorrow(now);
    return { ...(await reconcileRecent(now)), noShows, reminders };
  },
});
