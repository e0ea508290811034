import { View, Text, Textarea, Input } from '@tarojs/components';
import './TextBox.scss';

/** A labelled text input or text area with its own error line (Taro's own components: light). */
export function TextBox(p: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  multiline?: boolean;
  error?: string;
  hint?: string;
  id?: string;
  type?: 'text' | 'number' | 'digit';
}) {
  return (
    <View className="rp-textbox rp-field">
      <Text className="rp-label">{p.label}</Text>
      {p.multiline ? (
        <Textarea
          id={p.id}
          className="rp-textbox__area"
          value={p.value}
          placeholder={p.placeholder}
          maxlength={p.maxLength ?? 200}
          autoHeight
          onInput={(e) => p.onChange(e.detail.value)}
        />
      ) : (
        <Input id={p.id} className="rp-textbox__input" type={p.type ?? 'text'} value={p.value} placeholder={p.placeholder} maxlength={p.maxLength ?? 50} onInput={(e) => p.onChange(e.detail.value)} />
      )}
      {p.error ? <Text className="rp-error-text rp-textbox__msg">{p.error}</Text> : p.hint ? <Text className="rp-muted rp-textbox__msg">{p.hint}</Text> : null}
    </View>
  );
}
