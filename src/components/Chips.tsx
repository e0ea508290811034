import { View, Text } from '@tarojs/components';
import './Chips.scss';

export interface Chip<V> {
  value: V;
  label: string;
  sub?: string;
  disabled?: boolean;
}

/** A row of large tappable choices (dates, specialities, filters …); one or several selected. */
export function Chips<V extends string | number>(p: {
  items: Chip<V>[];
  selected: V | V[] | null;
  onPick: (v: V) => void;
  scroll?: boolean;
}) {
  const on = (v: V) => (Array.isArray(p.selected) ? p.selected.includes(v) : p.selected === v);
  return (
    <View className={`rp-chips ${p.scroll ? 'rp-chips--scroll' : ''}`}>
      {p.items.map((c) => (
        <View
          key={String(c.value)}
          className={`rp-chip ${on(c.value) ? 'rp-chip--on' : ''} ${c.disabled ? 'rp-chip--off' : ''}`}
          onClick={() => !c.disabled && p.onPick(c.value)}
        >
          <Text>{c.label}</Text>
          {c.sub ? <Text className="rp-chip__small">{c.sub}</Text> : null}
        </View>
      ))}
    </View>
  );
}
