import { View, Text, Textarea, Input } from '@tarojs/components';

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
}) {
  return (
    <View className="ap-field">
      <Text className="ap-label">{p.label}</Text>
      {p.multiline ? (
        <Textarea
          id={p.id}
          className="ap-textarea"
          value={p.value}
          placeholder={p.placeholder}
          maxlength={p.maxLength ?? 200}
          autoHeight
          onInput={(e) => p.onChange(e.detail.value)}
        />
      ) : (
        <Input id={p.id} className="ap-input" value={p.value} placeholder={p.placeholder} maxlength={p.maxLength ?? 50} onInput={(e) => p.onChange(e.detail.value)} />
      )}
      {p.error ? <Text className="rp-error-text ap-line">{p.error}</Text> : p.hint ? <Text className="rp-muted ap-line">{p.hint}</Text> : null}
    </View>
  );
}
