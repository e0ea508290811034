import { View, Text } from '@tarojs/components';

/** A big number with its label (completion figures, one's own progress). */
export function Figure({ value, label }: { value: number | string; label: string }) {
  return (
    <View className="st-figure">
      <Text className="st-figure__value">{value}</Text>
      <Text className="st-figure__label">{label}</Text>
    </View>
  );
}
