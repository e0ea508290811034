import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './ListRow.scss';

interface Props {
  title: string;
  description?: string;
  extra?: ReactNode;
  /** Shows an arrow and a pressed state. */
  onClick?: () => void;
}

/**
 * One row of a list card (title, optional hint, value on the right). The main package uses
 * this instead of NutUI's Cell, whose config-provider dependency (lodash.kebabcase,
 * react-fast-compare) costs ~20 KB there; sub-packages may use Cell freely.
 */
export function ListRow({ title, description, extra, onClick }: Props) {
  return (
    <View className={`rp-row-item ${onClick ? 'rp-row-item--link' : ''}`} hoverClass={onClick ? 'rp-row-item--pressed' : 'none'} onClick={onClick}>
      <View className="rp-row-item__main">
        <Text className="rp-row-item__title">{title}</Text>
        {description ? <Text className="rp-row-item__desc">{description}</Text> : null}
      </View>
      {extra !== undefined && extra !== null ? <View className="rp-row-item__extra">{extra}</View> : null}
      {onClick ? <Text className="rp-row-item__arrow">›</Text> : null}
    </View>
  );
}

/** A white card holding rows separated by hairlines. */
export function ListCard({ children }: { children: ReactNode }) {
  return <View className="rp-list-card">{children}</View>;
}
