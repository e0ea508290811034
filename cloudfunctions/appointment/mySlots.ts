import * as z from 'zod';
import { action } from '../../server/core/router';
import { cmd, col, during } from '../../server/core/db';
import { dayjs, PARK_TZ, parkDay } from '../../server/core/time';
import { MINUTE } from './rules';
import { dayParam } from './shared';
import { STATE_LABEL } from './stateMachine';

/** The caller's own slots (every state) from a park day on, with who booked the held ones. */
export const mySlots = action({
  roles: ['expert'],
  params: z.strictObject({ from: dayParam.optional(), days: z.number().int().min(1).max(62).default(28) }),
  async handler({ from, days }, { caller }) {
    const _ = cmd();
    const start = dayjs.tz(`${from ?? parkDay()}T00:00:00`, PARK_TZ).valueOf();
    const end = start + days * 24 * 60 * MINUTE;
    const { data } = await col('slots')
      .where({ expertId: caller.openid, startAt: during(new Date(start), new Date(end)) })
      .orderBy('startAt', 'asc')
      .limit(500)
      .get();
    const bookingIds = data.map((s) => s.bookingId).filter((x): x is string => !!x);
    const bookings = bookingIds.length
      ? (await col('bookings').where({ _id: _.in(bookingIds) }).field({ enterpriseName: true, topic: true, state: true }).limit(500).get()).data
      : [];
    const byId = new Map(bookings.map((b) => [b._id, b]));
    return data.map((s) => {
      const b = s.bookingId ? byId.get(s.bookingId) : undefined;
      return {
        id: s._id,
        startAt: s.startAt,
        endAt: s.endAt,
        mode: s.mode,
        place: s.place,
        kind: s.kind,
        state: s.state,
        priorityUntil: s.priorityUntil,
        booking: b ? { id: b._id, enterpriseName: b.enterpriseName, topic: b.topic, state: b.state, stateLabel: STATE_LABEL[b.state] } : null,
      };
    });
  },
});
