import { View, Text, Textarea, Input } from '@tarojs/components';

/** A labelled text input or text area with its own hint / error line (Taro's own components: light). */
export function TextField(p: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  maxLength?: number;
  multiline?: boolean;
  error?: string;
  hint?: string;
  id?: string;
  type?: 'text' | 'number';
  disabled?: boolean;
}) {
  return (
    <View className="st-field">
      <Text className="st-label">{p.label}</Text>
      {p.multiline ? (
        <Textarea
          id={p.id}
          className="st-textarea"
          value={p.value}
          placeholder={p.placeholder}
          maxlength={p.maxLength ?? 500}
          disabled={p.disabled}
          onInput={(e) => p.onChange(e.detail.value)}
        />
      ) : (
        <Input id={p.id} className="st-input" type={p.type ?? 'text'} value={p.value} placeholder={p.placeholder} maxlength={p.maxLength ?? 50} disabled={p.disabled} onInput={(e) => p.onChange(e.detail.value)} />
      )}
      {p.error ? <Text className="rp-error-text st-line">{p.error}</Text> : p.hint ? <Text className="rp-muted st-line">{p.hint}</Text> : null}
    </View>
  );
}

/** A row of large tappable choices. */
export function ChoiceChips<V extends string | number>(p: { items: { value: V; label: string }[]; selected: V | null; onPick: (v: V) => void }) {
  return (
    <View className="st-chips">
      {p.items.map((c) => (
        <View key={String(c.value)} className={`st-chip ${p.selected === c.value ? 'st-chip--on' : ''}`} onClick={() => p.onPick(c.value)}>
          <Text>{c.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A big number with its label. */
export function Figure({ value, label }: { value: number | string; label: string }) {
  return (
    <View className="st-figure">
      <Text className="st-figure__value">{value}</Text>
      <Text className="st-figure__label">{label}</Text>
    </View>
  );
}
