import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PERIOD_PRESETS } from '../../../domain/admin';

/** The period chooser shared by the dashboard and the exports (two per row: labels never wrap). */
export function Presets({ value, onChange }: { value: number; onChange: (i: number) => void }) {
  return (
    <View className="rp-row adm-presets">
      {PERIOD_PRESETS.map((p, i) => (
        <Button key={p.label} className="adm-preset" size="large" type={i === value ? 'primary' : 'default'} onClick={() => onChange(i)}>
          {p.label}
        </Button>
      ))}
    </View>
  );
}
