import { View, Text } from '@tarojs/components';

/** A figure tile: a big number, what it is, and how it was counted. */
export function Tile({ value, label, hint }: { value: string; label: string; hint: string }) {
  return (
    <View className="og-tile">
      <Text className="og-tile__value">{value}</Text>
      <Text className="og-tile__label">{label}</Text>
      <Text className="rp-muted">{hint}</Text>
    </View>
  );
}

/** One labelled fact of the ledger. */
export function Fact({ label, value }: { label: string; value: string | number }) {
  return (
    <View className="og-fact">
      <Text className="og-fact__label">{label}</Text>
      <Text className="og-fact__value">{String(value)}</Text>
    </View>
  );
}
