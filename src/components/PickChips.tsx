import { View, Text } from '@tarojs/components';
import './PickChips.scss';

export interface Chip<V> {
  value: V;
  label: string;
  sub?: string;
  disabled?: boolean;
}

/** A row of large tappable choices (dates, specialities, weekdays, kinds …); one or several selected. */
export function PickChips<V extends string | number>(p: {
  items: Chip<V>[];
  selected: V | V[] | null;
  onPick: (v: V) => void;
  scroll?: boolean;
  /** A label above the row, styled like a TextBox label. */
  label?: string;
}) {
  const on = (v: V) => (Array.isArray(p.selected) ? p.selected.includes(v) : p.selected === v);
  const row = (
    <View className={`rp-pick ${p.scroll ? 'rp-pick--scroll' : ''}`}>
      {p.items.map((c) => (
        <View
          key={String(c.value)}
          className={`rp-pick-chip ${on(c.value) ? 'rp-pick-chip--on' : ''} ${c.disabled ? 'rp-pick-chip--off' : ''}`}
          onClick={() => !c.disabled && p.onPick(c.value)}
        >
          <Text>{c.label}</Text>
          {c.sub ? <Text className="rp-pick-chip__small">{c.sub}</Text> : null}
        </View>
      ))}
    </View>
  );
  if (!p.label) return row;
  return (
    <View>
      <Text className="rp-pick__label">{p.label}</Text>
      {row}
    </View>
  );
}
