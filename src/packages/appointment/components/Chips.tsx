import { View, Text } from '@tarojs/components';

export interface Chip<V> {
  value: V;
  label: string;
  sub?: string;
  disabled?: boolean;
}

/** A row of large tappable choices (dates, specialities, weekdays …). */
export function Chips<V extends string | number>(p: {
  items: Chip<V>[];
  selected: V | V[] | null;
  onPick: (v: V) => void;
  scroll?: boolean;
}) {
  const on = (v: V) => (Array.isArray(p.selected) ? p.selected.includes(v) : p.selected === v);
  return (
    <View className={`ap-chips ${p.scroll ? 'ap-chips--scroll' : ''}`}>
      {p.items.map((c) => (
        <View
          key={String(c.value)}
          className={`ap-chip ${on(c.value) ? 'ap-chip--on' : ''} ${c.disabled ? 'ap-chip--off' : ''}`}
          onClick={() => !c.disabled && p.onPick(c.value)}
        >
          <Text>{c.label}</Text>
          {c.sub ? <Text className="ap-chip__small">{c.sub}</Text> : null}
        </View>
      ))}
    </View>
  );
}
