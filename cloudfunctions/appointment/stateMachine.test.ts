import { AppError } from '../../server/core/errors';
import type { BookingState } from './docs';
import { canTransition, isOpenState, nextState, STATE_LABEL, TRANSITIONS, type BookingEventName } from './stateMachine';

const STATES: BookingState[] = ['requested', 'confirmed', 'served', 'rated', 'cancelled', 'no_show', 'expert_absent', 'unrecorded'];
const EVENTS = Object.keys(TRANSITIONS) as BookingEventName[];

describe('booking state machine', () => {
  test('the legal moves are exactly the documented life cycle', () => {
    const legal = EVENTS.flatMap((e) => STATES.filter((s) => canTransition(s, e)).map((s) => `${s} -${e}-> ${nextState(s, e)}`)).sort();
    expect(legal).toEqual(
      [
        'requested -confirm-> confirmed',
        'confirmed -complete-> served',
        'confirmed -noShow-> no_show',
        'confirmed -expertNoShow-> expert_absent',
        'served -rate-> rated',
        'requested -cancel-> cancelled',
        'confirmed -cancel-> cancelled',
        'requested -expire-> cancelled',
        'confirmed -lapse-> unrecorded',
      ].sort(),
    );
  });

  test('every_illegal_transition_answers_CONFLICT_with_a_chinese_sentence', () => {
    let illegal = 0;
    for (const s of STATES) {
      for (const e of EVENTS) {
        if (canTransition(s, e)) continue;
        illegal++;
        try {
          nextState(s, e);
          throw new Error(`${s} ${e} was allowed`);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('CONFLICT');
          expect((err as AppError).message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }
    }
    expect(illegal).toBe(STATES.length * EVENTS.length - 9);
  });

  test('only_an_unconfirmed_booking_expires_and_it_ends_cancelled_which_is_no_longer_open', () => {
    expect(STATES.filter((s) => canTransition(s, 'expire'))).toEqual(['requested']);
    expect(nextState('requested', 'expire')).toBe('cancelled');
    expect(isOpenState(nextState('requested', 'expire'))).toBe(false);
    expect(() => nextState('confirmed', 'expire')).toThrow(AppError);
  });

  test('terminal states accept nothing and only requested and confirmed are open', () => {
    for (const s of ['rated', 'cancelled', 'no_show', 'expert_absent'] as const) expect(EVENTS.some((e) => canTransition(s, e))).toBe(false);
    expect(STATES.filter(isOpenState)).toEqual(['requested', 'confirmed']);
    for (const s of STATES) expect(STATE_LABEL[s]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
