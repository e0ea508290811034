import { View, Text } from '@tarojs/components';
import { fmtStamp, fmtTime, MODE_LABEL } from '../../../domain/appointment';
import { Tag } from '../../../components/Tag';

export interface SlotLike {
  id: string;
  startAt: string | Date;
  endAt: string | Date;
  expertName: string;
  expertOrganisation?: string;
  mode: 'online' | 'venue';
  place: string;
  bookable: boolean;
  priorityForYou: boolean;
  lockedUntil: string | Date | null;
}

/** One slot in a list: time, expert, where; locked slots say when they open. */
export function SlotCard({ slot, onPick }: { slot: SlotLike; onPick: (id: string) => void }) {
  const locked = !!slot.lockedUntil;
  const usable = slot.bookable && !locked;
  return (
    <View className={`rp-card ap-slot ${locked ? 'ap-slot--locked' : ''}`} hoverClass={usable ? 'rp-pressed' : 'none'} onClick={() => usable && onPick(slot.id)}>
      <Text className="ap-slot__time">
        {fmtTime(slot.startAt)}–{fmtTime(slot.endAt)}
      </Text>
      <View className="rp-grow">
        <Text className="rp-name">{slot.expertName}</Text>
        {slot.expertOrganisation ? <Text className="rp-muted rp-line">{slot.expertOrganisation}</Text> : null}
        <Text className="rp-muted rp-line">
          {MODE_LABEL[slot.mode]} · {slot.place}
        </Text>
        {locked ? <Text className="rp-muted rp-line">结对企业优先，{fmtStamp(slot.lockedUntil!)} 后开放</Text> : null}
        {slot.priorityForYou ? <View className="rp-line"><Tag tone="gold">结对优先</Tag></View> : null}
      </View>
      {usable ? <Tag tone="active">预约</Tag> : null}
    </View>
  );
}
