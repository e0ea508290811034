import { Text } from '@tarojs/components';
import { STATE_LABEL, stateTone, type BookingState } from '../../../domain/appointment';

export function StateTag({ state }: { state: BookingState }) {
  return <Text className={`ap-tag ap-tag--${stateTone(state)}`}>{STATE_LABEL[state]}</Text>;
}
