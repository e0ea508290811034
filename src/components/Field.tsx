import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import './Field.scss';

interface Props {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxLength?: number;
  required?: boolean;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

/** A labelled input with its own one-sentence error under it. */
export function Field(p: Props) {
  return (
    <View className={`rp-field ${p.error ? 'rp-field--error' : ''}`}>
      <Text className="rp-field__label">
        {p.label}
        {p.required ? <Text className="rp-field__required"> *</Text> : null}
      </Text>
      <Input
        className="rp-field__input"
        value={p.value}
        onChange={p.onChange}
        placeholder={p.placeholder}
        type={p.type ?? 'text'}
        maxLength={p.maxLength}
        disabled={p.disabled}
        clearable
      />
      {p.error ? <Text className="rp-error-text rp-field__msg">{p.error}</Text> : null}
      {!p.error && p.hint ? <Text className="rp-muted rp-field__msg">{p.hint}</Text> : null}
    </View>
  );
}
