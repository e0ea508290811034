/**
 * The booking life cycle as a transition table (pure, unit-tested):
 *
 *   requested ─confirm→ confirmed ─complete→ served ─rate→ rated
 *       │                  │  ├─noShow→ no_show            (the enterprise did not come)
 *       │                  │  └─expertNoShow→ expert_absent (the expert did not come)
 *       ├──────cancel──────┴─→ cancelled
 *       └─expire─→ cancelled   (system: nobody confirmed it before its start)
 *   confirmed ─lapse→ unrecorded  (system: its time passed N days ago and the expert, reminded,
 *                                  recorded neither the service nor a no-show)
 *
 * `expire` is its own event rather than the system firing `cancel`: only an unconfirmed booking
 * can expire (a confirmed one whose start passed is the expert's to complete or mark no-show),
 * and the history and the table say plainly that nobody chose to cancel it. A confirmed one the
 * expert never records does not stay open for ever: `lapse` closes it as `unrecorded`, which
 * frees the enterprise's place with the team and says honestly that nobody knows what happened.
 * Who may fire an event and when (ownership, cut-off times) is checked by the actions; this
 * module only says which moves exist. Anything else is a CONFLICT: the booking has moved on
 * (e.g. the other side cancelled a moment ago) and the caller should refresh.
 */
import { AppError } from '../../server/core/errors';
import type { BookingState } from './docs';

export type BookingEventName = 'confirm' | 'complete' | 'noShow' | 'expertNoShow' | 'rate' | 'cancel' | 'expire' | 'lapse';

export const TRANSITIONS: Record<BookingEventName, Partial<Record<BookingState, BookingState>>> = {
  confirm: { requested: 'confirmed' },
  complete: { confirmed: 'served' },
  noShow: { confirmed: 'no_show' },
  expertNoShow: { confirmed: 'expert_absent' },
  rate: { served: 'rated' },
  cancel: { requested: 'cancelled', confirmed: 'cancelled' },
  expire: { requested: 'cancelled' },
  lapse: { confirmed: 'unrecorded' },
};

/** States that hold the slot and count against the enterprise's open-booking limit. */
export const OPEN_STATES: readonly BookingState[] = ['requested', 'confirmed'];

export const STATE_LABEL: Record<BookingState, string> = {
  requested: '待确认',
  confirmed: '已确认',
  served: '已服务',
  rated: '已评价',
  cancelled: '已取消',
  no_show: '未到场',
  expert_absent: '专家未到场',
  unrecorded: '逾期未记录',
};

const WHY_NOT: Record<BookingState, string> = {
  requested: '该预约还在等待专家确认',
  confirmed: '该预约已确认',
  served: '该预约已服务完成',
  rated: '该预约已评价',
  cancelled: '该预约已取消',
  no_show: '该预约已记为未到场',
  expert_absent: '该预约已记为专家未到场',
  unrecorded: '该预约已逾期未记录并关闭',
};

export function canTransition(from: BookingState, event: BookingEventName): boolean {
  return TRANSITIONS[event][from] !== undefined;
}

/** The state after `event`, or CONFLICT with a sentence saying where the booking stands. */
export function nextState(from: BookingState, event: BookingEventName): BookingState {
  const to = TRANSITIONS[event][from];
  if (!to) throw new AppError('CONFLICT', `${WHY_NOT[from] ?? '该预约状态已变化'}，不能进行此操作，请刷新后查看。`);
  return to;
}

export const isOpenState = (s: BookingState): boolean => OPEN_STATES.includes(s);
