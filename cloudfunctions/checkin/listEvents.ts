import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col } from '../../server/core/db';
import { CLOSES_AFTER_END_MS, OPENS_BEFORE_MS, signInState } from './events';
import { eventSummary } from './shared';

const PAGE_SIZE = 20;
/** Events taking sign-ins at one moment: far more than a center runs at once. */
const OPEN_LIMIT = 50;
/** The longest an event keeps taking sign-ins after its end (a volunteer's sign-out). */
const LONGEST_AFTER_END_MS = Math.max(0, ...Object.values(CLOSES_AFTER_END_MS).map(Number));

/**
 * The kiosk picker and the admin list. `open` comes from its own query (the events taking sign-ins
 * now), so a running event is never pushed off the list by events scheduled later (lifecycle L-24:
 * one newest-first list of 50 lost it). `items` is the whole history, newest first, a page at a
 * time; one more row than a page is read to know whether there is a next page, instead of a count.
 * Database calls: two reads, in parallel.
 */
export const listEvents = action({
  roles: ['admin'],
  params: z.strictObject({ page: z.number().int().min(1).max(500).default(1) }),
  async handler({ page }) {
    const now = Date.now();
    const _ = cmd();
    const [open, history] = await Promise.all([
      col('events')
        .where({ status: 'open', startAt: _.lte(new Date(now + OPENS_BEFORE_MS)), endAt: _.gte(new Date(now - LONGEST_AFTER_END_MS)) })
        .orderBy('startAt', 'asc')
        .limit(OPEN_LIMIT)
        .get(),
      col('events').orderBy('startAt', 'desc').orderBy('_id', 'asc').skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1).get(),
    ]);
    return {
      // The query's window is the widest any kind has; the kind's own rule decides.
      open: open.data.filter((e) => signInState(e, now) === 'open').map((e) => eventSummary(e, now)),
      items: history.data.slice(0, PAGE_SIZE).map((e) => eventSummary(e, now)),
      page,
      pageSize: PAGE_SIZE,
      hasMore: history.data.length > PAGE_SIZE,
    };
  },
});
