import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './Modal.scss';

interface Props {
  visible: boolean;
  title: string;
  children: ReactNode;
  footer: ReactNode;
}

/**
 * A plain centred modal for the main package. NutUI's Dialog brings overlay, transitions and
 * config-provider code (~50 KB in weapp); the first-use privacy prompt needs none of it.
 * Sub-packages use NutUI's Dialog.
 */
export function Modal({ visible, title, children, footer }: Props) {
  if (!visible) return null;
  return (
    <View className="rp-modal" catchMove>
      <View className="rp-modal__mask" />
      <View className="rp-modal__panel" role="dialog" aria-label={title}>
        <Text className="rp-modal__title">{title}</Text>
        <View className="rp-modal__body">{children}</View>
        <View className="rp-modal__footer">{footer}</View>
      </View>
    </View>
  );
}
