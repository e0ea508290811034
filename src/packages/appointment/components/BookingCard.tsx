import { View, Text } from '@tarojs/components';
import { fmtRange, MODE_LABEL, type BookingState } from '../../../domain/appointment';
import { StateTag } from './StateTag';

export interface BookingLike {
  id: string;
  state: BookingState;
  stateLabel: string;
  startAt: string | Date;
  endAt: string | Date;
  teamName: string;
  expertName: string;
  enterpriseName: string;
  topic: string;
  mode: 'online' | 'venue';
  place: string;
}

/** A booking in a list; `side` decides whose name is shown (the other party's). */
export function BookingCard({ b, side, onOpen }: { b: BookingLike; side: 'enterprise' | 'expert'; onOpen: (id: string) => void }) {
  return (
    <View className="rp-card ap-card-link" hoverClass="ap-pressed" onClick={() => onOpen(b.id)}>
      <View className="ap-row-between">
        <Text className="ap-name">{side === 'enterprise' ? `${b.teamName} · ${b.expertName}` : b.enterpriseName}</Text>
        <StateTag state={b.state} label={b.stateLabel} />
      </View>
      <Text className="rp-text ap-line">{fmtRange(b.startAt, b.endAt)}</Text>
      <Text className="rp-muted ap-line">{MODE_LABEL[b.mode]} · {b.place}</Text>
      <Text className="rp-muted ap-line">咨询：{b.topic}</Text>
    </View>
  );
}
