/**
 * Moves one booking along the state machine inside a transaction, together with everything
 * that must change with it: the enterprise's open-booking counter when the booking stops
 * being open, the slot when a cancellation frees it, the queued reminders, and the outbox
 * messages announcing the change. Either all of it commits or none of it.
 *
 * The system (the expiry timer) moves bookings through this same function with `caller: SYSTEM`,
 * so a booking that expires closes its counter, slot, reminders and messages exactly as a
 * cancelled one does — there is one path for that, not two.
 *
 * Database calls: 1 read + 1 write of the booking, +1 counter write when it closes, +2 for the
 * slot and up to 4 for the reminders on cancel, up to 4 to queue the reminders on confirm, +1 per
 * message; one commit.
 */
import { cmd, transaction, type WithId } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import type { Caller } from '../../server/core/caller';
import { cancelQueued, enqueue, enqueueOnce, type OutboxInput } from '../../server/core/outbox';
import type { BookingDoc, BookingEvent, BookingState } from './docs';
import { isOpenState, nextState, type BookingEventName } from './stateMachine';
import { bookingView, canSee, counterId, reminderIds, reminderRows } from './shared';

export type ActingRole = BookingEvent['role'];

/** Stands for the system (a timer run) as the caller: no person, no ownership check. */
export const SYSTEM = 'system' as const;

export interface TransitionSpec {
  bookingId: string;
  event: BookingEventName;
  caller: Caller | typeof SYSTEM;
  /** Which side the caller acts for; decides the ownership check. Always 'system' for SYSTEM. */
  role: (b: WithId<BookingDoc>) => ActingRole;
  /** Rules beyond the transition table (times, required text); throw AppError to refuse. */
  check?: (b: WithId<BookingDoc>, now: Date) => void;
  patch?: Partial<BookingDoc>;
  note?: string;
  notify?: (b: WithId<BookingDoc>, to: BookingState, role: ActingRole) => OutboxInput[];
}

export async function transition(spec: TransitionSpec) {
  const { bookingId, event, caller } = spec;
  return transaction(async (tx) => {
    const now = new Date();
    const b = (await tx.collection('bookings').doc(bookingId).get()).data;
    if (!b || (caller !== SYSTEM && !canSee(b, caller))) throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
    const role = caller === SYSTEM ? 'system' : spec.role(b);
    const by = caller === SYSTEM ? SYSTEM : caller.openid;
    if (role === 'expert' && b.expertId !== by) throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
    if (role === 'enterprise' && (caller === SYSTEM || b.enterpriseId !== caller.user.enterpriseId)) {
      throw new AppError('NOT_FOUND', '预约不存在或不属于您，请返回列表刷新。');
    }
    const to = nextState(b.state, event);
    spec.check?.(b, now);

    const entry: BookingEvent = { state: to, at: now, by, role, ...(spec.note ? { note: spec.note } : {}) };
    const history = [...b.history, entry];
    await tx.collection('bookings').doc(bookingId).update({ state: to, history, updatedAt: now, ...spec.patch });

    if (isOpenState(b.state) && !isOpenState(to)) {
      await tx.collection('bookingCounters').doc(counterId(b.enterpriseId, b.teamId)).update({ open: cmd().inc(-1), updatedAt: now });
    }
    if (to === 'cancelled') {
      const slot = (await tx.collection('slots').doc(b.slotId).get()).data;
      if (slot && slot.bookingId === b._id) {
        // Only an enterprise's own cancellation frees the time for someone else, while it is still
        // ahead. When the expert (or an admin for them, or the system) cancels, the expert has just
        // said they cannot make that time: the slot closes, so no other enterprise books it. A
        // passed slot always closes (an expired booking's start has always passed).
        const ahead = new Date(slot.startAt).getTime() > now.getTime();
        const reopen = ahead && role === 'enterprise';
        await tx.collection('slots').doc(b.slotId).update({ state: reopen ? 'open' : 'closed', bookingId: null });
      }
      await cancelQueued(reminderIds(b._id), tx);
    }
    const after = { ...b, ...spec.patch, state: to, history };
    await enqueue(spec.notify?.(after, to, role) ?? [], tx);
    // An agreed appointment is reminded; a request is not (its reminders would announce a meeting
    // nobody agreed to). Once: a booking made by an earlier version may already have them queued.
    if (to === 'confirmed') await enqueueOnce(reminderRows(after, now), tx);
    return bookingView(after);
  });
}
