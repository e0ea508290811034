import { View, Text } from '@tarojs/components';
import './Chips.scss';

interface Option<T extends string> {
  value: T;
  label: string;
}

interface SingleProps<T extends string> {
  options: readonly (T | Option<T>)[];
  value: T | '';
  onChange: (v: T | '') => void;
  /** Adds a first chip meaning "no filter" (value ''). */
  allLabel?: string;
  label?: string;
}

const norm = <T extends string>(o: T | Option<T>): Option<T> => (typeof o === 'string' ? { value: o, label: o } : o);

/** One choice among a few (filters, categories): large tap targets instead of a picker wheel. */
export function Chips<T extends string>({ options, value, onChange, allLabel, label }: SingleProps<T>) {
  const all = allLabel ? [{ value: '' as T | '', label: allLabel }] : [];
  return (
    <View className="rp-chips">
      {label ? <Text className="rp-chips__label">{label}</Text> : null}
      <View className="rp-chips__list">
        {[...all, ...options.map(norm)].map((o) => (
          <View
            key={o.value || '_all'}
            className={`rp-chip ${o.value === value ? 'rp-chip--on' : ''}`}
            hoverClass="rp-chip--pressed"
            onClick={() => onChange(o.value as T | '')}
          >
            {o.label}
          </View>
        ))}
      </View>
    </View>
  );
}

interface MultiProps<T extends string> {
  options: readonly T[];
  value: readonly T[];
  onChange: (v: T[]) => void;
  label?: string;
}

/** Several choices (qualifications, industries): each chip toggles. */
export function MultiChips<T extends string>({ options, value, onChange, label }: MultiProps<T>) {
  const toggle = (o: T) => onChange(value.includes(o) ? value.filter((v) => v !== o) : options.filter((x) => x === o || value.includes(x)));
  return (
    <View className="rp-chips">
      {label ? <Text className="rp-chips__label">{label}</Text> : null}
      <View className="rp-chips__list">
        {options.map((o) => (
          <View key={o} className={`rp-chip ${value.includes(o) ? 'rp-chip--on' : ''}`} hoverClass="rp-chip--pressed" onClick={() => toggle(o)}>
            {value.includes(o) ? `✓ ${o}` : o}
          </View>
        ))}
      </View>
    </View>
  );
}
