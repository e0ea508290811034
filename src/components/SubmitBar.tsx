import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useQueued } from '../hooks/useSubmit';
import { submitLabel } from '../domain/submit';

interface Props {
  /** The form's one-sentence error, shown above the button. */
  error?: string;
  loading: boolean;
  onClick: () => void;
  label: string;
  busyLabel?: string;
  primary?: boolean;
}

/** The foot of a form: its error, then one large button that shows progress (排队中… in a rush) while it runs. */
export function SubmitBar({ error, loading, onClick, label, busyLabel = '正在提交…', primary = true }: Props) {
  const queued = useQueued(loading);
  return (
    <>
      {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
      <View className="rp-actions">
        <Button type={primary ? 'primary' : 'default'} size="large" block loading={loading} onClick={onClick}>
          {submitLabel(label, { loading, queued }, busyLabel)}
        </Button>
      </View>
    </>
  );
}
