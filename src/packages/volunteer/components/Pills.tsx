import { View, Text } from '@tarojs/components';

/** One choice out of a few (teams, list scope), as large pills that wrap. */
export function Pills<V extends string>(p: { options: { value: V; label: string }[]; value: V; onChange: (v: V) => void }) {
  return (
    <View className="vo-pills">
      {p.options.map((o) => (
        <View key={o.value} className={`vo-pill ${o.value === p.value ? 'vo-pill--on' : ''}`} onClick={() => p.onChange(o.value)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
