import { View, Text } from '@tarojs/components';
import { TextArea } from '@nutui/nutui-react-taro';
import './TextAreaField.scss';

interface Props {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength: number;
  required?: boolean;
  error?: string;
  hint?: string;
  rows?: number;
}

/** A labelled multi-line input with a character count and its own one-sentence error. */
export function TextAreaField(p: Props) {
  return (
    <View className={`rp-textarea ${p.error ? 'rp-textarea--error' : ''}`}>
      <Text className="rp-textarea__label">
        {p.label}
        {p.required ? <Text className="rp-textarea__required"> *</Text> : null}
      </Text>
      <TextArea
        className="rp-textarea__input"
        value={p.value}
        onChange={p.onChange}
        placeholder={p.placeholder}
        maxLength={p.maxLength}
        showCount
        rows={p.rows ?? 4}
        autoSize
      />
      {p.error ? <Text className="rp-error-text rp-textarea__msg">{p.error}</Text> : null}
      {!p.error && p.hint ? <Text className="rp-muted rp-textarea__msg">{p.hint}</Text> : null}
    </View>
  );
}
