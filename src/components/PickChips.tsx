import { useState } from 'react';
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
  /** Chips shown at first; a 更多 chip shows as many again (default 40). */
  window?: number;
}) {
  const on = (v: V) => (Array.isArray(p.selected) ? p.selected.includes(v) : p.selected === v);
  // A row of every enterprise or branch of a grown park is hundreds of children of one node (WeChat's
  // audit allows 60, issue 19): show a window, and always the chosen ones, so a choice never hides.
  const step = p.window ?? 40;
  const [count, setCount] = useState(step);
  const visible = p.items.length <= count ? p.items : p.items.filter((c, i) => i < count || on(c.value));
  const row = (
    <View className={`rp-pick ${p.scroll ? 'rp-pick--scroll' : ''}`}>
      {visible.map((c) => (
        <View
          key={String(c.value)}
          className={`rp-pick-chip ${on(c.value) ? 'rp-pick-chip--on' : ''} ${c.disabled ? 'rp-pick-chip--off' : ''}`}
          onClick={() => !c.disabled && p.onPick(c.value)}
        >
          <Text>{c.label}</Text>
          {c.sub ? <Text className="rp-pick-chip__small">{c.sub}</Text> : null}
        </View>
      ))}
      {visible.length < p.items.length ? (
        <View className="rp-pick-chip rp-pick-chip--more" onClick={() => setCount((n) => n + step)}>
          <Text>更多（{p.items.length - visible.length}）</Text>
        </View>
      ) : null}
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
