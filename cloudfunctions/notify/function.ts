/**
 * `notify`: delivers the outbox (every minute, from a timer trigger) and shows each person
 * their messages (消息中心).
 * This folder is the whole `notify` domain: one file per action below (zod params beside the
 * handler), its rules, document types in docs.ts;
 * tests beside (*.test.ts); other domains see only public.ts.
 */
import { makeMain } from '../../server/core/main';
import { deliverDue } from './deliver';
import { currentSender } from './senders';
import { inbox } from './inbox';
import { unreadCount } from './unreadCount';
import { markRead } from './markRead';
import { grant } from './grant';
import { deliverNow } from './deliverNow';

export const actions = { inbox, unreadCount, markRead, grant, deliverNow };

export const main = makeMain('notify', actions, {
  onTimer: (event) => deliverDue(currentSender(), { runId: `timer-${event.Time ?? Date.now()}-${Math.random().toString(36).slice(2, 8)}` }),
});
