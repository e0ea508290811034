import { Text } from '@tarojs/components';
import './Tag.scss';

export type Tone = 'active' | 'done' | 'wait' | 'gold' | 'ended';

/** A short status word in its colour (红 going ahead, 绿 done, 橙 waiting, 金 highlight, 灰 ended). */
export function Tag({ tone, children }: { tone: Tone; children: string }) {
  return <Text className={`rp-tag rp-tag--${tone}`}>{children}</Text>;
}
