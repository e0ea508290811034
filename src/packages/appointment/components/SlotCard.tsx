import { View, Text } from '@tarojs/components';
import { fmtStamp, fmtTime, MODE_LABEL } from '../../../domain/appointment';

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

/** One slot in a list: time, expert, where; locked slots say when they open, unbookable ones why. */
export function SlotCard({ slot, onPick }: { slot: SlotLike; onPick: (id: string) => void }) {
  const locked = !!slot.lockedUntil;
  const usable = slot.bookable && !locked;
  return (
    <View className={`rp-card ap-slot ${locked ? 'ap-slot--locked' : ''}`} hoverClass={usable ? 'ap-pressed' : 'none'} onClick={() => usable && onPick(slot.id)}>
      <Text className="ap-slot__time">
        {fmtTime(slot.startAt)}–{fmtTime(slot.endAt)}
      </Text>
      <View className="rp-grow">
        <Text className="ap-name">{slot.expertName}</Text>
        {slot.expertOrganisation ? <Text className="rp-muted ap-line">{slot.expertOrganisation}</Text> : null}
        <Text className="rp-muted ap-line">
          {MODE_LABEL[slot.mode]} · {slot.place}
        </Text>
        {locked ? <Text className="rp-muted ap-line">结对企业优先，{fmtStamp(slot.lockedUntil!)} 后开放</Text> : null}
        {!slot.bookable ? <Text className="rp-muted ap-line">距开始已不足 2 小时，不能在线预约，请致电党群服务中心</Text> : null}
        {slot.priorityForYou ? <Text className="ap-tag ap-tag--gold ap-line">结对优先</Text> : null}
      </View>
      {usable ? <Text className="ap-tag ap-tag--active">预约</Text> : null}
    </View>
  );
}
