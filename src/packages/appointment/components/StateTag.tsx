import { Tag } from '../../../components/Tag';
import { stateTone, type BookingState } from '../../../domain/appointment';

/** A booking state in its colour; the wording is the server's (`stateLabel`). */
export function StateTag({ state, label }: { state: BookingState; label: string }) {
  return <Tag tone={stateTone(state)}>{label}</Tag>;
}
