import { Text } from '@tarojs/components';
import { stateTone, type BookingState } from '../../../domain/appointment';

/** A booking state in its colour; the wording is the server's (`stateLabel`). */
export function StateTag({ state, label }: { state: BookingState; label: string }) {
  return <Text className={`ap-tag ap-tag--${stateTone(state)}`}>{label}</Text>;
}
