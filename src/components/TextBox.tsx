import { View, Text, Textarea, Input } from '@tarojs/components';
import './TextBox.scss';

/**
 * A labelled text input or text area with its own error / hint line, on Taro's own components
 * (light: sub-package forms use it without NutUI's Input). `Field` is the NutUI-styled variant
 * the profile forms use.
 */
export function TextBox(p: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  multiline?: boolean;
  /** A tall text area for long writing (a self-study record). */
  tall?: boolean;
  type?: 'text' | 'number';
  disabled?: boolean;
  error?: string;
  hint?: string;
  id?: string;
}) {
  return (
    <View className="rp-textbox">
      <Text className="rp-textbox__label">{p.label}</Text>
      {p.multiline ? (
        <Textarea
          id={p.id}
          className={`rp-textbox__area ${p.tall ? 'rp-textbox__area--tall' : ''}`}
          value={p.value}
          placeholder={p.placeholder}
          maxlength={p.maxLength ?? 200}
          autoHeight={!p.tall}
          disabled={p.disabled}
          onInput={(e) => p.onChange(e.detail.value)}
        />
      ) : (
        <Input id={p.id} className="rp-textbox__input" type={p.type ?? 'text'} value={p.value} placeholder={p.placeholder} maxlength={p.maxLength ?? 50} disabled={p.disabled} onInput={(e) => p.onChange(e.detail.value)} />
      )}
      {p.error ? <Text className="rp-error-text rp-textbox__msg">{p.error}</Text> : p.hint ? <Text className="rp-muted rp-textbox__msg">{p.hint}</Text> : null}
    </View>
  );
}
