import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

/**
 * The end of a form: its one-sentence error, if any, and the primary button (shows progress while
 * `loading`; pair it with useSubmit so a second tap is ignored).
 */
export function SubmitBar(p: { label: string; error?: string; loading: boolean; disabled?: boolean; hint?: string; onSubmit: () => void }) {
  return (
    <>
      {p.error ? <Text className="rp-error-text rp-line">{p.error}</Text> : null}
      <View className="rp-actions">
        <Button type="primary" size="large" block loading={p.loading} disabled={p.disabled} onClick={p.onSubmit}>
          {p.label}
        </Button>
        {p.hint ? <Text className="rp-muted rp-line">{p.hint}</Text> : null}
      </View>
    </>
  );
}
