/**
 * `demand`: enterprise demands (诉求) and 红色代办 — filed, assigned, handled, resolved, rated, counted.
 * This folder is the whole `demand` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts, ledger in ledger.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { submit } from './submit';
import { mine } from './mine';
import { get } from './get';
import { assigned } from './assigned';
import { list } from './list';
import { handlers } from './handlers';
import { assign } from './assign';
import { accept } from './accept';
import { progress } from './progress';
import { resolve } from './resolve';
import { rate, redo } from './rate';
import { reopen } from './reopen';
import { cancel } from './cancel';
import { stats } from './stats';
import { askInfo } from './askInfo';
import { answerInfo } from './answerInfo';
import { fileComplaint, myComplaints } from './complaint';
import { serviceLevels, setServiceLevel } from './serviceLevels';
import { calendar, setCalendarDays } from './calendarDays';
import { callbacks, recordCallback } from './callbacks';
import { slaSweep } from './slaSweep';
import { slaSweepRun } from './sweep';

export const actions = {
  submit,
  mine,
  get,
  assigned,
  list,
  handlers,
  assign,
  accept,
  progress,
  resolve,
  rate,
  redo,
  reopen,
  cancel,
  stats,
  askInfo,
  answerInfo,
  fileComplaint,
  myComplaints,
  serviceLevels,
  setServiceLevel,
  calendar,
  setCalendarDays,
  callbacks,
  recordCallback,
  slaSweep,
};

/**
 * The timer trigger (cloudbaserc.json → triggers `sla`, every 10 minutes; locally the gateway's
 * 30-second timer) sends the 即将到期 and 逾期督办 notices (./sweep.ts).
 */
export const main = makeMain('demand', actions, { onTimer: async () => slaSweepRun(new Date()) });
